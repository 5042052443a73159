/**
 * Small DOM helpers for the extractors. Text comes from textContent (innerText would force
 * layout in a content script), with whitespace collapsed and emoji images read by their alt.
 */

/** Collapsed text of `el`, including `<img alt>` (X and LinkedIn draw emoji as images). */
export function text(el: Node | null | undefined): string {
  if (!el) return '';
  return collect(el).replace(/[\s\u00a0]+/g, ' ').trim();
}

function collect(node: Node): string {
  if (node.nodeType === 3) return node.nodeValue ?? '';
  if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return '';
  const el = node as Element;
  const tag = el.tagName;
  if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'TEMPLATE' || tag === 'svg' || tag === 'SVG') return '';
  if (tag === 'IMG') return el.getAttribute('alt') ?? '';
  if (tag === 'BR') return '\n';
  let out = '';
  for (let c = node.firstChild; c; c = c.nextSibling) out += collect(c);
  return out;
}

/** Text with line breaks kept (for post bodies): runs of spaces collapse, newlines stay. */
export function blockText(el: Node | null | undefined): string {
  if (!el) return '';
  return collect(el)
    // A newline followed by indentation is the saved file's pretty-printing, not the post's.
    .replace(/\r?\n[ \t]{2,}/g, ' ')
    .replace(/[ \t\u00a0\r]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** First element matching any of the alternatives, tried in order. */
export function first(root: ParentNode, selectors: readonly string[]): Element | null {
  for (const s of selectors) {
    const el = root.querySelector(s);
    if (el) return el;
  }
  return null;
}

/** All elements of the first alternative that matches anything. */
export function all(root: ParentNode, selectors: readonly string[]): Element[] {
  for (const s of selectors) {
    const found = root.querySelectorAll(s);
    if (found.length) return Array.from(found);
  }
  return [];
}

/** Every match of every alternative, alternatives in order (for fallbacks across forms). */
export function everyMatch(root: ParentNode, selectors: readonly string[]): Element[] {
  const out: Element[] = [];
  for (const s of selectors) for (const el of Array.from(root.querySelectorAll(s))) if (!out.includes(el)) out.push(el);
  return out;
}

/** Drops elements nested inside another element of the same list (keeps outermost). */
export function outermost(els: Element[]): Element[] {
  const set = new Set(els);
  return els.filter((el) => {
    for (let p = el.parentElement; p; p = p.parentElement) if (set.has(p)) return false;
    return true;
  });
}

export function toIso(d: Date | null): string | null {
  return d && !Number.isNaN(d.getTime()) ? d.toISOString() : null;
}
