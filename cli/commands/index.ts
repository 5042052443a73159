import type { Command } from '../io.ts';
import { bestTimesCommand } from './best-times.ts';
import { detect } from './detect.ts';
import { extract } from './extract.ts';
import { forecastPeak } from './forecast-peak.ts';
import { model } from './model.ts';
import { posts } from './posts.ts';
import { repurpose } from './repurpose.ts';
import { style } from './style.ts';

/**
 * Every CLI command, one file each under cli/commands/. Add a command by writing its
 * file and listing it here; `sightline --help` is generated from this list.
 */
export const commands: Command[] = [extract, posts, model, bestTimesCommand, style, detect, forecastPeak, repurpose];
