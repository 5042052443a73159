import { readFileSync } from 'node:fs';
import { formatPostsCsv, formatRowError } from '../../shared/posts/canonical.ts';
import { IMPORT_FORMATS, importPosts, type ImportFormat } from '../../shared/posts/importers.ts';
import { CliError, parseFlags, writeOutFile, type Command, type Io } from '../io.ts';
import { timeZoneFlag } from '../posts-file.ts';

const usage = `Usage:
  sightline posts import --format hackernews|reddit|x <file> [--out <posts.csv>] [--tz <zone>] [--account <author id>]

Converts a source export (as in ../shared/data) to the canonical posts CSV
(id,platform,author,text,url,published_at,likes,comments,shares,views) on stdout or --out.
Bad rows are skipped; a summary with each bad row's line and field goes to stderr.
  --tz       hackernews: zone of created_at (default America/New_York)
  --account  x: keep only this author_id (an id with no posts in the file is an error)
--out is replaced only when the import succeeds.
`;

function runImport(args: string[], io: Io): void {
  const { values, positionals } = parseFlags({ args, allowPositionals: true, options: { format: { type: 'string' }, out: { type: 'string' }, tz: { type: 'string' }, account: { type: 'string' } }, strict: true });
  const format = values.format as ImportFormat | undefined;
  if (!format || !IMPORT_FORMATS.includes(format)) throw new CliError(`--format must be one of ${IMPORT_FORMATS.join(', ')}`, 2);
  // Flags a format does not read would be dropped without a word; the user meant something by them.
  if (values.tz !== undefined && format !== 'hackernews') throw new CliError(`--tz applies to --format hackernews only (${format} exports state their own offset)`, 2);
  if (values.account !== undefined && format !== 'x') throw new CliError(`--account applies to --format x only`, 2);
  const timeZone = values.tz === undefined ? undefined : timeZoneFlag(values.tz);
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new CliError('posts import needs exactly one input file', 2);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${(err as Error).message}`);
  }
  let result;
  try {
    result = importPosts(format, text, { ...(timeZone ? { timeZone } : {}), ...(values.account ? { account: values.account } : {}) });
  } catch (err) {
    throw new CliError(`${file}: ${(err as Error).message}`);
  }
  const report = () => {
    const excluded = Object.entries(result.excluded ?? {}).map(([k, v]) => `${v} ${k}`);
    io.stderr(`imported ${result.items.length} posts from ${result.rows} rows; skipped ${result.errors.length} bad row(s)${excluded.length ? `; excluded ${excluded.join(', ')}` : ''}\n`);
    for (const e of result.errors.slice(0, 10)) io.stderr(`  ${formatRowError(e)}\n`);
    if (result.errors.length > 10) io.stderr(`  … and ${result.errors.length - 10} more\n`);
  };
  // Failures are decided before anything is written, so --out keeps what it held.
  if (result.rows > 0 && result.items.length === 0 && result.errors.length > 0) {
    report();
    throw new CliError('no row could be imported');
  }
  if (values.account !== undefined && result.items.length === 0 && (result.excluded?.['other account'] ?? 0) > 0) {
    const authors = [...new Set(importPosts(format, text).items.map((p) => p.author))].sort();
    const shown = authors.length > 10 ? `${authors.slice(0, 10).join(', ')}, … (${authors.length} in all)` : authors.join(', ');
    throw new CliError(`${file} has no posts by --account '${values.account}' (authors in it: ${shown})`);
  }
  const csv = formatPostsCsv(result.items);
  if (values.out !== undefined) writeOutFile(values.out, csv);
  else io.stdout(csv);
  report();
}

export const posts: Command = {
  name: 'posts',
  summary: 'convert Hacker News, Reddit or X exports to the canonical posts CSV (posts import)',
  usage,
  run(args, io) {
    const [sub, ...rest] = args;
    if (sub === 'import') return runImport(rest, io);
    throw new CliError(`unknown subcommand '${sub ?? ''}'; expected import`, 2);
  },
};
