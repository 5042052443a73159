import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatPostsCsv, formatRowError } from '../../shared/posts/canonical.ts';
import { IMPORT_FORMATS, importPosts, type ImportFormat } from '../../shared/posts/importers.ts';
import { CliError, type Command, type Io } from '../io.ts';

const usage = `Usage:
  sightline posts import --format hackernews|reddit|x <file> [--out <posts.csv>] [--tz <zone>] [--account <author id>]

Converts a source export (as in ../shared/data) to the canonical posts CSV
(id,platform,author,text,url,published_at,likes,comments,shares,views) on stdout or --out.
Bad rows are skipped; a summary with each bad row's line and field goes to stderr.
  --tz       hackernews: zone of created_at (default America/New_York)
  --account  x: keep only this author_id
`;

function runImport(args: string[], io: Io): void {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string' }, out: { type: 'string' }, tz: { type: 'string' }, account: { type: 'string' } }, strict: true });
  const format = values.format as ImportFormat | undefined;
  if (!format || !IMPORT_FORMATS.includes(format)) throw new CliError(`--format must be one of ${IMPORT_FORMATS.join(', ')}`, 2);
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
    result = importPosts(format, text, { ...(values.tz ? { timeZone: values.tz } : {}), ...(values.account ? { account: values.account } : {}) });
  } catch (err) {
    throw new CliError(`${file}: ${(err as Error).message}`);
  }
  const csv = formatPostsCsv(result.items);
  if (values.out) writeFileSync(values.out, csv);
  else io.stdout(csv);
  const excluded = Object.entries(result.excluded ?? {}).map(([k, v]) => `${v} ${k}`);
  io.stderr(`imported ${result.items.length} posts from ${result.rows} rows; skipped ${result.errors.length} bad row(s)${excluded.length ? `; excluded ${excluded.join(', ')}` : ''}\n`);
  for (const e of result.errors.slice(0, 10)) io.stderr(`  ${formatRowError(e)}\n`);
  if (result.errors.length > 10) io.stderr(`  … and ${result.errors.length - 10} more\n`);
  if (result.rows > 0 && result.items.length === 0 && result.errors.length > 0) throw new CliError('no row could be imported');
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
