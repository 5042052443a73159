import { describe, expect, it } from 'vitest';
import { composerUrls, createAssistedPublisher, isComposerPage, publisherFor } from './publisher.ts';

function assisted() {
  const opened: string[] = [];
  const pending: [number, string][] = [];
  const deps = {
    openTab: async (url: string) => (opened.push(url), 40 + opened.length),
    rememberPending: async (tabId: number, post: { id: string }) => void pending.push([tabId, post.id]),
  };
  return { opened, pending, publishers: [createAssistedPublisher('x', deps), createAssistedPublisher('linkedin', deps)] };
}

describe('AssistedPublisher', () => {
  it('opens the platform composer and remembers the post by tab', async () => {
    const { opened, pending, publishers } = assisted();
    const post = { id: 'p1', platform: 'linkedin', text: 'Hello' };
    const publisher = publisherFor(publishers, post)!;
    expect(publisher.platform).toBe('linkedin');
    expect(await publisher.publish(post)).toEqual({ kind: 'opened', tabId: 41, url: 'https://www.linkedin.com/feed/?shareActive=true' });
    expect(opened).toEqual([composerUrls.linkedin]);
    expect(pending).toEqual([[41, 'p1']]);
  });

  it.each([
    ['x', 'text', 'x'],
    ['linkedin', 'text', 'linkedin'],
    ['youtube', 'text', null],
    ['x', '   ', null],
  ])('platform %s, text %j → publisher %s', (platform, text, expected) => {
    expect(publisherFor(assisted().publishers, { platform, text })?.platform ?? null).toBe(expected);
  });

  it('refuses a post of another platform instead of opening the wrong composer', async () => {
    const { opened, publishers } = assisted();
    expect(await publishers[0]!.publish({ id: 'p', platform: 'linkedin', text: 'x' })).toMatchObject({ kind: 'failed' });
    expect(opened).toEqual([]);
  });
});

describe('isComposerPage', () => {
  it.each([
    [composerUrls.x!, 'https://x.com/compose/post', true],
    [composerUrls.x!, 'https://x.com/compose/post/?foo=1#h', true],
    [composerUrls.x!, 'https://x.com/home', false],
    [composerUrls.x!, 'https://x.com/someone/status/1', false],
    [composerUrls.x!, 'https://evil.example/compose/post', false],
    [composerUrls.linkedin!, 'https://www.linkedin.com/feed/', true],
    [composerUrls.linkedin!, 'https://www.linkedin.com/in/someone/', false],
    [composerUrls.x!, 'not a url', false],
  ])('%s vs %s → %s', (composerUrl, pageUrl, expected) => {
    expect(isComposerPage(composerUrl, pageUrl)).toBe(expected);
  });
});
