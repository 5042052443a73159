import { Window } from 'happy-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { confirmSent, editorText, fillEditor, first } from './fill.ts';

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

describe('confirmSent', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  const composer = () => page('<div role="dialog"><div data-testid="tweetTextarea_0" contenteditable="true" role="textbox"><div>Shipping today.</div></div></div>');
  const find = (doc: Document) => () => first(doc, ['[data-testid="tweetTextarea_0"]']);

  it('is sent once the composer closes (the site took the post)', async () => {
    const doc = composer();
    const result = confirmSent('Shipping today.', { find: find(doc) });
    await vi.advanceTimersByTimeAsync(1_000);
    doc.querySelector('[role="dialog"]')!.remove();
    await vi.advanceTimersByTimeAsync(300);
    expect(await result).toBe('sent');
  });

  it('is sent when the editor is emptied in place', async () => {
    const doc = composer();
    const result = confirmSent('Shipping today.', { find: find(doc) });
    find(doc)()!.replaceChildren();
    await vi.advanceTimersByTimeAsync(300);
    expect(await result).toBe('sent');
  });

  it('says it is slow while the post stays, keeps watching, and is unconfirmed only when it gives up', async () => {
    const doc = composer();
    let slow = 0;
    const result = confirmSent('Shipping today.', { find: find(doc), slowMs: 10_000, giveUpMs: 60_000, onSlow: () => slow++ });
    await vi.advanceTimersByTimeAsync(9_000);
    expect(slow).toBe(0);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(slow).toBe(1);
    await vi.advanceTimersByTimeAsync(50_000);
    expect(await result).toBe('unconfirmed');
    expect(slow).toBe(1);
  });

  it('a slow site that takes the post late is still sent', async () => {
    const doc = composer();
    const result = confirmSent('Shipping today.', { find: find(doc), slowMs: 1_000, giveUpMs: 60_000 });
    await vi.advanceTimersByTimeAsync(20_000);
    doc.querySelector('[role="dialog"]')!.remove();
    await vi.advanceTimersByTimeAsync(300);
    expect(await result).toBe('sent');
  });

  it('stops when cancelled', async () => {
    const doc = composer();
    let cancel = false;
    const result = confirmSent('Shipping today.', { find: find(doc), cancelled: () => cancel });
    cancel = true;
    await vi.advanceTimersByTimeAsync(300);
    expect(await result).toBe('cancelled');
  });
});
