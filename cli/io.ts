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
