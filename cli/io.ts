import { realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

/** Where a command writes. Injected so tests run commands in-process and read both streams. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** A failure the user can fix: printed as `sightline: <message>` and exit code 1 (2 for usage). */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

export interface Command {
  name: string;
  /** One line for `sightline --help`. */
  summary: string;
  /** Full usage for `sightline <name> --help`. */
  usage: string;
  run(args: string[], io: Io): Promise<void> | void;
}

type FlagConfig = Parameters<typeof parseArgs>[0] & {};

/**
 * util.parseArgs for every command, plus one rule it lacks: a flag that takes a value
 * refuses an empty one (`--threshold ''` would read as 0, `--tz ''` as the default zone).
 */
export function parseFlags<T extends FlagConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  const { tokens } = parseArgs({ ...config, tokens: true });
  for (const t of tokens ?? []) {
    if (t.kind === 'option' && t.value !== undefined && t.value.trim() === '') throw new CliError(`${t.rawName} needs a value, got an empty one`, 2);
  }
  return parseArgs(config);
}

function writeFailure(err: unknown, file: string): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `directory ${path.dirname(path.resolve(file))} does not exist`;
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'a part of the path is not a directory';
  return code ?? (err as Error).message;
}

/**
 * Writes a command's output file all at once: into a temporary file beside it, then renamed
 * over it, so a run that fails (or is killed) midway leaves the file that was there intact.
 */
export function writeOutFile(file: string, text: string, flag = '--out'): void {
  let target = file;
  let mode: number | undefined;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new CliError(`cannot write ${flag} ${file}: it is a directory`);
    // Through a symlink, replace what it points at rather than the link itself.
    target = realpathSync(file);
    mode = st.mode & 0o7777;
  } catch (err) {
    if (err instanceof CliError) throw err;
  }
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(tmp, text, mode === undefined ? {} : { mode });
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new CliError(`cannot write ${flag} ${file}: ${writeFailure(err, file)}`);
  }
}
