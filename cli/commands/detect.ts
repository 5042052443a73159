import { readFileSync } from 'node:fs';
import { parseSeriesCsv, SeriesError, type Series } from '../../shared/series/csv.ts';
import { burstConfigForStep, detectBursts, typicalStep, type BurstConfig } from '../../shared/trends/burst.ts';
import { CliError, type Command } from '../io.ts';

const usage = `Usage:
  sightline detect <series.csv>

Reads a CSV with header timestamp,value (rows in stream order) and prints one alarm
timestamp per line, written exactly as in the input. The detector is streaming and
causal: an alarm at a row uses only that row and earlier ones. One configuration for
every series; sizes follow the series' sampling step (defaults are for 5 minutes).
A series too short for any alarm (under a day of 5-minute points) is an error, not silence.
`;

/** Reads and parses a series file, turning every problem into a CliError naming line and field. */
export function readSeries(args: string[], command: string): { file: string; series: Series } {
  const files = args.filter((a) => !a.startsWith('-'));
  const flags = args.filter((a) => a.startsWith('-'));
  if (flags.length > 0) throw new CliError(`unknown option '${flags[0]}'`, 2);
  if (files.length !== 1) throw new CliError(`${command} needs exactly one <series.csv>`, 2);
  const file = files[0] as string;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${(err as Error).message}`);
  }
  try {
    return { file, series: parseSeriesCsv(text) };
  } catch (err) {
    if (err instanceof SeriesError) throw new CliError(`${file}: ${err.message}`);
    throw err;
  }
}

/**
 * A series too short for the detector to ever alarm would print nothing, which reads as
 * "no burst"; say instead that it could not tell. An alarm needs the warm-up and then
 * `confirm` points in a row above the threshold.
 */
export function checkLength(file: string, series: Series, cfg: BurstConfig): void {
  const needed = cfg.warmup + cfg.confirm;
  if (series.values.length < needed) {
    throw new CliError(`${file}: too few points to detect bursts (${series.values.length}; at this sampling step the detector needs at least ${needed})`);
  }
}

export const detect: Command = {
  name: 'detect',
  summary: 'early-warning burst alarms over a timestamp,value series',
  usage,
  run(args, io) {
    const { file, series } = readSeries(args, 'detect');
    const cfg = burstConfigForStep(typicalStep(series.times));
    checkLength(file, series, cfg);
    const alarms = detectBursts(series.times, series.values, cfg);
    io.stdout(alarms.map((i) => `${series.stamps[i] as string}\n`).join(''));
  },
};
