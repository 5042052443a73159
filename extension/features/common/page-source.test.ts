import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { pageSource } from './page-source.ts';

function doc(html: string, title = 'A page') {
  const window = new Window({ url: 'https://x.com/home' });
  window.document.title = title;
  window.document.body.innerHTML = html;
  return window.document as unknown as Document;
}

describe('pageSource', () => {
  it('takes the main column, not the navigation around it', () => {
    const d = doc('<nav>Home Explore</nav><main><p>Agents are eating the browser.</p></main>', 'Home / X');
    expect(pageSource(d, 'https://x.com/home')).toEqual({ title: 'Home / X', url: 'https://x.com/home', text: 'Agents are eating the browser.' });
  });

  it('the selection wins over the page', () => {
    const d = doc('<main><p id="a">First paragraph.</p><p>Second.</p></main>');
    const range = d.createRange();
    range.selectNodeContents(d.getElementById('a')!);
    d.getSelection()!.addRange(range);
    expect(pageSource(d, 'https://x.com/home').text).toBe('First paragraph.');
  });

  it('caps a long page at 5,000 characters', () => {
    expect(pageSource(doc(`<main>${'word '.repeat(3_000)}</main>`), 'https://x.com/').text.length).toBe(5_000);
  });
});
