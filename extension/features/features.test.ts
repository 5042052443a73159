import { describe, expect, it } from 'vitest';
import type { Feature } from '../lib/features.ts';

// Every feature file, and every content script's source (to check registration).
const modules = import.meta.glob<{ default: Feature }>('./{linkedin,x,youtube}/*.tsx', { eager: true });
const entrypoints = import.meta.glob<string>('../entrypoints/*.content/index.tsx', { query: '?raw', import: 'default', eager: true });

describe('feature files', () => {
  const files = Object.keys(modules);

  it('there is one of each overlay per site (no posting-time hint or composer fill on YouTube: it has no composer)', () => {
    expect(files.sort()).toEqual([
      './linkedin/competitor-card.tsx',
      './linkedin/composer-fill.tsx',
      './linkedin/page-source.tsx',
      './linkedin/post-insight.tsx',
      './linkedin/posting-time-hint.tsx',
      './x/competitor-card.tsx',
      './x/composer-fill.tsx',
      './x/page-source.tsx',
      './x/post-insight.tsx',
      './x/posting-time-hint.tsx',
      './youtube/competitor-card.tsx',
      './youtube/page-source.tsx',
      './youtube/post-insight.tsx',
    ]);
  });

  it.each(files)('%s: is named by its id, has an init, and is registered in its site’s content script', (file) => {
    const [, site, name] = /^\.\/(\w+)\/([\w-]+)\.tsx$/.exec(file)!;
    const feature = modules[file]!.default;
    expect(feature.id).toBe(`${site}/${name}`);
    expect(typeof feature.init).toBe('function');
    const entry = entrypoints[`../entrypoints/${site}.content/index.tsx`]!;
    expect(entry).toContain(`'../../features/${site}/${name}.tsx'`);
  });
});
