import type { Line, Reply } from '../chat/reply.js';
import { needsManage } from './command.js';
import type { CommandDeps } from './deps.js';
import { parseCommand } from './parse.js';
import { COMMANDS, findCommand, suggestCommand } from './registry.js';
import { refuse } from './replies.js';
import { BusyError } from '../util/work-queue.js';
import type { Command } from './command.js';
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
        if (command.expensive && deps.limiter) {
          const taken = deps.limiter.take(ctx);
          if (!taken.ok) return limited(taken.scope, taken.retryInMs, deps);
        }
        if (command.expensive === 'cpu' && deps.work) return await deps.work.run(() => command.run(ctx, parsed.args, deps));
        return await command.run(ctx, parsed.args, deps);
      } catch (err) {
        if (err instanceof BusyError) return busy(name);
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

function limited(scope: 'user' | 'channel', retryInMs: number, deps: CommandDeps): Reply {
  const expensive = COMMANDS.filter((c) => c.expensive).map((c) => c.name);
  const limits = deps.limiter?.limits;
  const seconds = Math.max(1, Math.ceil(retryInMs / 1000));
  const who = scope === 'user' ? `${limits?.perUser ?? ''} a minute per person` : `${limits?.perChannel ?? ''} a minute per channel`;
  return refuse([
    [
      ...expensive.flatMap((c, i): Line => [i === 0 ? '' : i === expensive.length - 1 ? ' and ' : ', ', { code: `/papers ${c}` }]),
      ` are limited to ${who}; try again in ${seconds} s.`,
    ],
  ]);
}

function busy(name: string): Reply {
  return refuse([['Paperboy is busy with other searches right now; try ', { code: `/papers ${name}` }, ' again in a minute.']]);
}

export type { Command };
