import type { Command } from './command.js';
import { ensureChannel, scheduleOf } from './channel.js';
import { reply } from './replies.js';
import { plural } from '../util/plural.js';

export default {
  name: 'resume',
  summary: 'restart digests in this channel (also after an error)',
  usage: '/papers resume',
  manage: true,
  async run(ctx, _args, deps) {
    const channel = await ensureChannel(deps, ctx.channel);
    const s = scheduleOf(channel, deps);
    if (!channel.paused) return reply([[`Digests here are not paused; the next comes at ${s.time} (${s.timezone}).`]]);
    const change = await deps.stores.channels.setPaused(channel.id, false, null, deps.clock.now().toISOString());
    const queued = change.deliveries
      ? ` ${plural(change.deliveries, 'queued post')} from before the pause ${change.deliveries === 1 ? 'goes' : 'go'} out within a minute.`
      : '';
    return reply([[`Resumed${channel.pausedReason ? ` (was: ${channel.pausedReason})` : ''}. The next digest comes at ${s.time} (${s.timezone}).${queued}`]]);
  },
} satisfies Command;
