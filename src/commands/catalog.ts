import abstract from './abstract.js';
import authors from './authors.js';
import cite from './cite.js';
import type { Command } from './command.js';
import digest from './digest.js';
import emoji from './emoji.js';
import learn from './learn.js';
import links from './links.js';
import list from './list.js';
import more from './more.js';
import pause from './pause.js';
import preview from './preview.js';
import recap from './recap.js';
import resume from './resume.js';
import save from './save.js';
import saved from './saved.js';
import schedule from './schedule.js';
import similar from './similar.js';
import subscribe from './subscribe.js';
import threshold from './threshold.js';
import unsubscribe from './unsubscribe.js';
import unsave from './unsave.js';
import why from './why.js';
import { closest } from './suggest.js';

/**
 * Every subcommand but `help`, in the order help lists them. `help` lists
 * these and itself; registry.ts adds it, so no module imports itself back.
 */
export const BASE_COMMANDS: readonly Command[] = [
  subscribe,
  unsubscribe,
  list,
  preview,
  digest,
  more,
  schedule,
  pause,
  resume,
  learn,
  threshold,
  emoji,
  recap,
  abstract,
  authors,
  links,
  similar,
  why,
  cite,
  save,
  saved,
  unsave,
];

export function byName(commands: readonly Command[], name: string): Command | undefined {
  const wanted = name.toLowerCase();
  return commands.find((c) => c.name === wanted);
}

/** The subcommand a mistyped name most likely meant, if any is close. */
export function suggestName(commands: readonly Command[], name: string): string | null {
  return closest(
    name,
    commands.map((c) => c.name),
  );
}
