import { describe, expect, it } from 'vitest';
import * as linkedin from './linkedin/selectors.ts';
import linkedinSrc from './linkedin/selectors.ts?raw';
import { documentFrom } from './testing.ts';
import * as x from './x/selectors.ts';
import xSrc from './x/selectors.ts?raw';
import * as youtube from './youtube/selectors.ts';
import youtubeSrc from './youtube/selectors.ts?raw';

const sites = [
  ['linkedin', linkedin, linkedinSrc],
  ['x', x, xSrc],
  ['youtube', youtube, youtubeSrc],
] as const;

const doc = documentFrom('<main><div></div></main>', 'https://example.com/');

describe.each(sites)('%s selectors', (_site, module, source) => {
  const lists = Object.entries(module).filter(([, v]) => Array.isArray(v)) as Array<[string, readonly string[]]>;

  it('exports lists of alternatives', () => {
    expect(lists.length).toBeGreaterThan(5);
    for (const [name, list] of lists) expect(list.length, name).toBeGreaterThan(0);
  });

  it('every alternative is valid CSS', () => {
    for (const [name, list] of lists) {
      for (const sel of list) expect(() => doc.querySelector(sel.replace('{handle}', 'h')), `${name}: ${sel}`).not.toThrow();
    }
  });

  it('every list says where its alternatives match', () => {
    for (const [name] of lists) {
      const start = source.indexOf(`export const ${name} =`);
      const end = source.indexOf('] as const;', start);
      const before = source.slice(Math.max(0, source.lastIndexOf(';', start)), start);
      const body = source.slice(start, end);
      expect(/\/\/|\/\*\*/.test(before) || body.includes('//'), `${name} has no comment`).toBe(true);
    }
  });
});
