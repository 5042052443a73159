// The extractors are typed against the DOM they get in a content script; here that DOM is
// happy-dom's, so this command (alone in cli/) needs the DOM lib's type names.
/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { extractPage, platformOf, type Extraction } from '../../extension/sites/index.ts';
import { loadDocument } from '../../extension/sites/inert-document.ts';
import { CliError, parseFlags, type Command } from '../io.ts';
import { timeFlag } from '../posts-file.ts';

const usage = `Usage: sightline extract --url <page-url> [--captured-at <ISO>] [--compact] <file.html>

Parses a saved LinkedIn, X or YouTube page as a content script would see it (no scripts
run, nothing loaded) and prints JSON {platform, kind, profile, posts, misses}.

  --url <page-url>       the address the page was saved from (decides site and page kind)
  --captured-at <ISO>    when the page was saved; relative times ("3d", "5 hours ago")
                         are resolved against it (default: now)
  --compact              one line of JSON instead of indented

A page that yields nothing beyond what the URL says is an error (exit 1), not an empty result.
`;

export { loadDocument };

/** Fields an extractor fills from the URL alone (a handle, a video id), not from the page. */
const FROM_URL = new Set(['handle', 'id', 'url']);
const hasPageField = (o: object) => Object.entries(o).some(([k, v]) => !FROM_URL.has(k) && v !== null && v !== undefined);

/** Whether the page gave anything beyond what the URL already said. */
function readFromPage(result: Extraction): boolean {
  return (result.profile !== null && hasPageField(result.profile)) || result.posts.some(hasPageField);
}

export const extract: Command = {
  name: 'extract',
  summary: 'read a saved LinkedIn, X or YouTube page and print its profile and posts as JSON',
  usage,
  async run(args, io) {
    const { values, positionals } = parseFlags({
      args,
      options: {
        url: { type: 'string' },
        'captured-at': { type: 'string' },
        compact: { type: 'boolean', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
    if (!values.url) throw new CliError('--url <page-url> is required', 2);
    if (positionals.length !== 1) throw new CliError('expected exactly one <file.html>', 2);
    let url: URL;
    try {
      url = new URL(values.url);
    } catch {
      throw new CliError(`--url: not a valid URL: ${values.url}`, 2);
    }
    if (!platformOf(url)) throw new CliError(`--url: unsupported site ${url.hostname} (LinkedIn, X and YouTube only)`);
    const capturedAt = new Date(values['captured-at'] === undefined ? Date.now() : timeFlag(values['captured-at'], '--captured-at'));
    const file = positionals[0] as string;
    let html: string;
    try {
      html = readFileSync(file, 'utf8');
    } catch (err) {
      throw new CliError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
    const { document, close } = loadDocument(html, url.href);
    try {
      const result = extractPage(document, url, capturedAt);
      if (!result) throw new CliError(`--url: unsupported site ${url.hostname}`);
      // An empty answer is not a result: a page saved from elsewhere, an empty file, a layout
      // the selectors no longer match. The misses say which fields were looked for.
      const misses = Object.keys(result.misses);
      if (result.kind === 'unknown') throw new CliError(`--url: no ${result.platform} extractor for pages like ${url.pathname} (nothing read from ${file})`);
      if (!readFromPage(result)) {
        const shown = misses.length > 5 ? `${misses.slice(0, 5).join(', ')}, …` : misses.join(', ');
        throw new CliError(`${file}: nothing extracted (read as a ${result.kind} page${shown ? `; not found: ${shown}` : ''}); is it a page saved from ${url.href}?`);
      }
      if (!result.posts.length && misses.includes('posts')) io.stderr(`note: ${file}: no posts found on this ${result.kind} page\n`);
      io.stdout(`${JSON.stringify(result, null, values.compact ? undefined : 2)}\n`);
    } finally {
      await close();
    }
  },
};
