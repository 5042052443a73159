/**
 * Puts a post's text into a site's rich-text composer (X's draft.js, LinkedIn's Quill). Those
 * editors keep their own model and ignore direct DOM edits, so the text goes in the way typed
 * or pasted text does: execCommand('insertText') over a selection of the whole editor fires
 * beforeinput/input events the editor handles. Where that is unavailable the text is set and
 * an InputEvent dispatched, which plain contenteditables and most editors still pick up.
 */
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
/** Line breaks render differently per editor (<div>, <p>, <br>): compare without whitespace. */
const bare = (s: string) => s.replace(/\s+/g, '');
const holds = (editor: HTMLElement, text: string) => bare(editor.innerText ?? editor.textContent ?? '').includes(bare(text));

export function editorText(editor: HTMLElement): string {
  return norm(editor.innerText ?? editor.textContent ?? '');
}

export function fillEditor(editor: HTMLElement, text: string): boolean {
  const doc = editor.ownerDocument;
  editor.focus();
  const selection = doc.getSelection();
  if (selection) {
    // Replace whatever the composer held (a placeholder paragraph, an old draft).
    const range = doc.createRange();
    range.selectNodeContents(editor);
    selection.removeAllRanges();
    selection.addRange(range);
  }
  let inserted = false;
  try {
    inserted = doc.execCommand('insertText', false, text);
  } catch {
    inserted = false;
  }
  if (!inserted || !holds(editor, text)) {
    // One block per line, the way contenteditable itself splits lines.
    editor.replaceChildren(
      ...text.split('\n').map((line) => {
        const block = doc.createElement('div');
        if (line) block.textContent = line;
        else block.appendChild(doc.createElement('br'));
        return block;
      }),
    );
    // The editor's own window's InputEvent (the page's, or a test document's).
    const Input = (doc.defaultView as (Window & typeof globalThis) | null)?.InputEvent ?? InputEvent;
    editor.dispatchEvent(new Input('input', { bubbles: true, inputType: 'insertText', data: text }));
  }
  return holds(editor, text);
}

/** The first element matching any selector (alternatives in order of preference). */
export function first(root: ParentNode, selectors: readonly string[]): HTMLElement | null {
  for (const s of selectors) {
    const el = root.querySelector<HTMLElement>(s);
    if (el) return el;
  }
  return null;
}
