import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromExtensionPage, pageOnlyMessages } from './messages.ts';

const root = path.resolve(import.meta.dirname, '..');
/** Every file under a directory, recursively. */
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(path.join(dir, d.name)) : [path.join(dir, d.name)]));

describe('messages only the extension’s pages may send', () => {
  it('tells the popup and options pages from a content script by the sender’s URL', () => {
    const origin = 'chrome-extension://abcdef/';
    expect(fromExtensionPage({ url: 'chrome-extension://abcdef/popup.html' }, origin)).toBe(true);
    expect(fromExtensionPage({ url: 'https://x.com/home' }, origin)).toBe(false);
    expect(fromExtensionPage({ url: 'chrome-extension://other/popup.html' }, origin)).toBe(false);
    expect(fromExtensionPage({ url: undefined }, origin)).toBe(false);
    expect(pageOnlyMessages.has('pair')).toBe(true);
    expect(pageOnlyMessages.has('unpair')).toBe(true);
  });

  it('no content script sends one (it would be refused)', () => {
    const contentFiles = [...files(path.join(root, 'features')), path.join(root, 'lib', 'post-badges.tsx'), path.join(root, 'lib', 'anchored-overlay.ts')].filter((f) => /\.tsx?$/.test(f) && !/\.test\./.test(f));
    const sent = new Set(contentFiles.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/send\('(\w+)'/g)].map((m) => m[1]!)));
    expect(sent.size).toBeGreaterThan(5);
    expect([...sent].filter((t) => pageOnlyMessages.has(t as never))).toEqual([]);
  });
});
