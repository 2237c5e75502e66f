import { BASE_COMMANDS, byName, suggestName } from './catalog.js';
import { needsManage, type Command } from './command.js';
import help from './help.js';
import { parseCommand } from './parse.js';

/** Every `/papers` subcommand. */
export const COMMANDS: readonly Command[] = [...BASE_COMMANDS, help];

export function findCommand(name: string): Command | undefined {
  return byName(COMMANDS, name);
}

export function suggestCommand(name: string): string | null {
  return suggestName(COMMANDS, name);
}

/**
 * Whether the core would refuse `text` ("subscribe pruning") to someone who
 * cannot manage the channel (the commands' own `manage` and `readOnly`:
 * `learn` alone only shows the setting). Adapters ask it first, so only
 * managing commands pay for a permission lookup, and so a refusal can name
 * the platform's rule.
 */
export function isManaging(text: string): boolean {
  const { name, args } = parseCommand(text);
  const command = findCommand(name);
  return command !== undefined && needsManage(command, args);
}
