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

export interface ConfirmOptions {
  /** The composer's editor as it is now (sites re-render it); null once it is gone. */
  find(): HTMLElement | null;
  /** After this long with the post still in the composer, `onSlow` runs (the watch goes on). */
  slowMs?: number;
  /** The watch gives up after this long: 'unconfirmed'. */
  giveUpMs?: number;
  intervalMs?: number;
  onSlow?(): void;
  /** Stop watching (the content script was invalidated, or Post was pressed again). */
  cancelled?(): boolean;
}

/**
 * After the site's Post button: 'sent' once the composer lets go of what it held when Post
 * was pressed (the dialog closed, or the editor was emptied or re-filled), which is what X and
 * LinkedIn do when a post goes out. A post the site refused (an error toast, no network)
 * stays in the composer: `onSlow` lets the page say so while the watch continues, and after
 * `giveUpMs` the answer is 'unconfirmed'. Never 'sent' on a guess.
 */
export function confirmSent(heldText: string, opts: ConfirmOptions): Promise<'sent' | 'unconfirmed' | 'cancelled'> {
  const slowMs = opts.slowMs ?? 10_000;
  const giveUpMs = opts.giveUpMs ?? 120_000;
  const started = Date.now();
  let slow = false;
  return new Promise((resolve) => {
    const check = () => {
      if (opts.cancelled?.()) return done('cancelled');
      const editor = opts.find();
      if (!editor || !editor.isConnected || editorText(editor) !== heldText) return done('sent');
      const waited = Date.now() - started;
      if (waited >= giveUpMs) return done('unconfirmed');
      if (!slow && waited >= slowMs) {
        slow = true;
        opts.onSlow?.();
      }
    };
    const id = setInterval(check, opts.intervalMs ?? 250);
    const done = (r: 'sent' | 'unconfirmed' | 'cancelled') => {
      clearInterval(id);
      resolve(r);
    };
  });
}
