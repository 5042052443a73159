// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { buildTrendIndex, bestTrendMatch } from '../../shared/trends/match.ts';
import { findPosts, siteSelectors } from './post-text.ts';

function dom(html: string): Document {
  document.body.innerHTML = html;
  return document;
}

describe('findPosts', () => {
  it('X: one post per tweet article, text from tweetText, permalink from the time link', () => {
    const doc = dom(`
      <article data-testid="tweet"><a href="/ada/status/1"><time>1h</time></a><div data-testid="tweetText">Comparing  agent
        frameworks</div></article>
      <article data-testid="tweet"><div data-testid="tweetText"></div></article>`);
    expect(findPosts(doc, siteSelectors.x, 'https://x.com/home').map((p) => [p.text, p.url, p.anchor.getAttribute('data-testid')])).toEqual([
      ['Comparing agent frameworks', 'https://x.com/ada/status/1', 'tweetText'],
    ]);
  });

  it('LinkedIn: nested post matches collapse to the outermost; the URN becomes the permalink', () => {
    const doc = dom(`
      <div class="feed-shared-update-v2" data-urn="urn:li:activity:42">
        <div data-id="urn:li:activity:42"><div class="update-components-text">Passkeys at last</div></div>
      </div>`);
    const posts = findPosts(doc, siteSelectors.linkedin, 'https://www.linkedin.com/feed/');
    expect(posts.map((p) => [p.text, p.url])).toEqual([['Passkeys at last', 'https://www.linkedin.com/feed/update/urn:li:activity:42/']]);
  });

  it('YouTube: titles of grid items and the watch page; falls back to the page URL', () => {
    const doc = dom(`
      <ytd-rich-item-renderer><div id="meta"><a id="video-title-link" href="/watch?v=a"><span id="video-title">WebGPU in 10 minutes</span></a></div></ytd-rich-item-renderer>
      <ytd-watch-metadata><div id="title"><h1><yt-formatted-string>Passkeys explained</yt-formatted-string></h1></div></ytd-watch-metadata>`);
    const posts = findPosts(doc, siteSelectors.youtube, 'https://www.youtube.com/watch?v=b');
    expect(posts.map((p) => [p.text, p.url, p.anchor.id])).toEqual([
      ['WebGPU in 10 minutes', 'https://www.youtube.com/watch?v=a', 'meta'],
      ['Passkeys explained', 'https://www.youtube.com/watch?v=b', 'title'],
    ]);
  });

  it('ignores javascript: links', () => {
    const doc = dom(`<article data-testid="tweet"><a href="javascript:alert(1)">x</a><div data-testid="tweetText">hi there</div></article>`);
    expect(findPosts(doc, siteSelectors.x, 'https://x.com/home')[0]?.url).toBe('https://x.com/home');
  });

  it('feeds the shared matcher: the found text matches the intended trend', () => {
    const doc = dom(`<article data-testid="tweet"><div data-testid="tweetText">The Model Context Protocol is everywhere</div></article>`);
    const index = buildTrendIndex([{ id: 't', name: 'AI agents', keywords: ['Model Context Protocol'], score: 80 }]);
    const [post] = findPosts(doc, siteSelectors.x, 'https://x.com/home');
    expect(bestTrendMatch(index, post!.text)?.trend.id).toBe('t');
  });
});
