import type { Reply } from '../chat/reply.js';
import { needsManage } from './command.js';
import type { CommandDeps } from './deps.js';
import { parseCommand } from './parse.js';
import { COMMANDS, findCommand, suggestCommand } from './registry.js';
import { refuse } from './replies.js';
import type { CommandContext, CommandHandler } from './types.js';

export type { CommandDeps } from './deps.js';

/**
 * The one `/papers` handler every adapter calls: parse, check permission,
 * run the subcommand. Bad input gets a specific reply; anything unexpected
 * is logged and answered briefly, never thrown at the adapter.
 */
export function createCommandHandler(deps: CommandDeps): CommandHandler {
  return {
    async handle(ctx: CommandContext, text: string): Promise<Reply> {
      let name = '';
      try {
        const parsed = parseCommand(text);
        name = parsed.name || 'help';
        const command = findCommand(name);
        if (!command) return unknown(name);
        if (!ctx.canManage && needsManage(command, parsed.args)) {
          const who = ctx.managers ?? 'people who manage this channel';
          return refuse([[`Only ${who} can use `, { code: `/papers ${command.name}` }, '; nothing was changed.']]);
        }
        return await command.run(ctx, parsed.args, deps);
      } catch (err) {
        deps.logger?.error({ err, command: name, channel: ctx.channel }, 'command failed');
        return refuse([['Something went wrong running ', { code: `/papers ${name}`.trim() }, '. Please try again in a moment.']]);
      }
    },
  };
}

function unknown(name: string): Reply {
  const guess = suggestCommand(name);
  if (guess) return refuse([['There is no ', { code: `/papers ${name}` }, '; did you mean ', { code: guess }, '?']]);
  return refuse([
    ['There is no ', { code: `/papers ${name}` }, `. Commands: ${COMMANDS.map((c) => c.name).join(', ')}; `, { code: '/papers help' }, ' explains them.'],
  ]);
}
