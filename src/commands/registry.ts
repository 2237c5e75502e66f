import { BASE_COMMANDS, byName, suggestName } from './catalog.js';
import type { Command } from './command.js';
import help from './help.js';

/** Every `/papers` subcommand. */
export const COMMANDS: readonly Command[] = [...BASE_COMMANDS, help];

export function findCommand(name: string): Command | undefined {
  return byName(COMMANDS, name);
}

export function suggestCommand(name: string): string | null {
  return suggestName(COMMANDS, name);
}
