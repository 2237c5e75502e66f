import type { Reply } from '../chat/reply.js';
import type { CommandDeps } from './deps.js';
import type { CommandContext } from './types.js';

/** What follows the subcommand: `raw` as typed (trimmed), `words` split with quotes honoured. */
export interface CommandArgs {
  raw: string;
  words: string[];
}

/** One `/papers` subcommand. `manage` commands change the channel and need `ctx.canManage`. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  manage: boolean;
  /** For a managing command: true when these arguments only read (`schedule` alone shows the schedule). */
  readOnly?(args: CommandArgs): boolean;
  run(ctx: CommandContext, args: CommandArgs, deps: CommandDeps): Promise<Reply>;
}

/** Whether running `command` with these arguments changes the channel, and so needs someone who manages it. */
export function needsManage(command: Command, args: CommandArgs): boolean {
  return command.manage && !command.readOnly?.(args);
}
