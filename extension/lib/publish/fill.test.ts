import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { editorText, fillEditor, first } from './fill.ts';

// The composers as the e2e fixtures (e2e/fixtures/x-compose.html, linkedin-share.html) have them.
function page(html: string) {
  const window = new Window({ url: 'https://x.com/compose/post' });
  window.document.body.innerHTML = html;
  return window.document as unknown as Document;
}

describe('fillEditor', () => {
  it('X: fills the draft.js editor and tells it through an input event', () => {
    const doc = page('<div role="dialog"><div data-testid="tweetTextarea_0" contenteditable="true" role="textbox"></div><button data-testid="tweetButton">Post</button></div>');
    const editor = first(doc, ['[data-testid="tweetTextarea_0"][contenteditable="true"]'])!;
    const inputs: string[] = [];
    editor.addEventListener('input', (e) => inputs.push((e as InputEvent).inputType));
    expect(fillEditor(editor, 'Shipping today.\nTwo lines.')).toBe(true);
    expect([...editor.children].map((line) => line.textContent)).toEqual(['Shipping today.', 'Two lines.']);
    expect(inputs).toEqual(['insertText']);
  });

  it('LinkedIn: replaces the placeholder paragraph instead of appending to it', () => {
    const doc = page('<div role="dialog"><div class="ql-editor" contenteditable="true" role="textbox"><p>old draft</p></div></div>');
    const editor = first(doc, ['[role="dialog"] .ql-editor[contenteditable="true"]'])!;
    expect(fillEditor(editor, 'A LinkedIn post')).toBe(true);
    expect(editorText(editor)).toBe('A LinkedIn post');
  });

  it('first() takes the first selector that matches, in order of preference', () => {
    const doc = page('<div id="b" class="b"></div><div id="a" class="a"></div>');
    expect(first(doc, ['.missing', '.a', '.b'])!.id).toBe('a');
    expect(first(doc, ['.missing'])).toBeNull();
  });
});
