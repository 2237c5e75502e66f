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
  /**
   * Commands whose work grows with the stored papers or the platform's API
   * (`cpu`: similar, preview; `io`: digest, more): limited per person and per
   * channel, and `cpu` ones run through the shared work queue.
   */
  expensive?: 'cpu' | 'io';
  /** For a managing command: true when these arguments only read (`schedule` alone shows the schedule). */
  readOnly?(args: CommandArgs): boolean;
  run(ctx: CommandContext, args: CommandArgs, deps: CommandDeps): Promise<Reply>;
}

/** Whether running `command` with these arguments changes the channel, and so needs someone who manages it. */
export function needsManage(command: Command, args: CommandArgs): boolean {
  return command.manage && !command.readOnly?.(args);
}
