import type { Command } from './command.js';
import { ensureChannel } from './channel.js';
import { day, reply } from './replies.js';

export default {
  name: 'pause',
  summary: 'stop digests in this channel',
  usage: '/papers pause',
  manage: true,
  async run(ctx, _args, deps) {
    const channel = await ensureChannel(deps, ctx.channel);
    if (channel.paused)
      return reply([
        ['Digests here are already paused', channel.pausedReason ? ` (${channel.pausedReason})` : '', '. ', { code: '/papers resume' }, ' restarts them.'],
      ]);
    const reason = `${ctx.userName ?? ctx.userId} paused it with /papers pause on ${day(deps.clock.now().toISOString())}`;
    await deps.stores.channels.setPaused(channel.id, true, reason);
    return reply([['Paused: no digests here until ', { code: '/papers resume' }, '. Rules are kept.']]);
  },
} satisfies Command;
