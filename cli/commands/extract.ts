// The extractors are typed against the DOM they get in a content script; here that DOM is
// happy-dom's, so this command (alone in cli/) needs the DOM lib's type names.
/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { extractPage, platformOf } from '../../extension/sites/index.ts';
import { loadDocument } from '../../extension/sites/inert-document.ts';
import { CliError, type Command } from '../io.ts';

const usage = `Usage: sightline extract --url <page-url> [--captured-at <ISO>] [--compact] <file.html>

Parses a saved LinkedIn, X or YouTube page as a content script would see it (no scripts
run, nothing loaded) and prints JSON {platform, kind, profile, posts, misses}.

  --url <page-url>       the address the page was saved from (decides site and page kind)
  --captured-at <ISO>    when the page was saved; relative times ("3d", "5 hours ago")
                         are resolved against it (default: now)
  --compact              one line of JSON instead of indented
`;

export { loadDocument };

export const extract: Command = {
  name: 'extract',
  summary: 'read a saved LinkedIn, X or YouTube page and print its profile and posts as JSON',
  usage,
  async run(args, io) {
    const { values, positionals } = parseArgs({
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
    const capturedAt = values['captured-at'] ? new Date(values['captured-at']) : new Date();
    if (Number.isNaN(capturedAt.getTime())) throw new CliError(`--captured-at: not an ISO date: ${values['captured-at']}`, 2);
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
      io.stdout(`${JSON.stringify(result, null, values.compact ? undefined : 2)}\n`);
    } finally {
      await close();
    }
  },
};
