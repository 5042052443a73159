import type { Command } from '../io.ts';
import { extract } from './extract.ts';
import { model } from './model.ts';
import { posts } from './posts.ts';

/**
 * Every CLI command, one file each under cli/commands/. Add a command by writing its
 * file and listing it here; `sightline --help` is generated from this list.
 */
export const commands: Command[] = [extract, model, posts];
