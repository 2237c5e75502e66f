import type { Line } from '../chat/reply.js';
import type { Command } from './command.js';
import { findChannel, scheduleOf } from './channel.js';
import { day, withList } from './replies.js';
import { DEFAULT_RECAP_TIME, DEFAULT_RECAP_WEEKDAY, weekdayName } from '../schedule/recap-due.js';

export default {
  name: 'list',
  summary: 'this channel’s rules, schedule, and whether it is paused',
  usage: '/papers list',
  manage: false,
  async run(ctx, _args, deps) {
    const channel = await findChannel(deps, ctx.channel);
    const rules = channel ? await deps.stores.rules.list(channel.id) : [];
    const schedule = scheduleOf(channel, deps);
    const head: Line[] = [];
    if (channel?.paused)
      head.push([{ bold: 'Paused' }, channel.pausedReason ? `: ${channel.pausedReason}` : '', '. ', { code: '/papers resume' }, ' restarts digests.']);
    head.push([
      `Daily digest at ${schedule.time} (${schedule.timezone})${schedule.isDefault ? ', the default' : ''}, at most ${deps.defaults.maxPerDigest} papers at a time (the rest wait for `,
      { code: '/papers more' },
      ').',
    ]);
    if (channel) {
      const s = await deps.stores.settings.get(channel.id);
      const recap = s.recapEnabled
        ? `weekly recap ${weekdayName(s.recapWeekday ?? DEFAULT_RECAP_WEEKDAY)}s at ${s.recapTime ?? DEFAULT_RECAP_TIME}`
        : 'no weekly recap';
      head.push([`Learning from reactions ${s.learn ? 'on' : 'off'}${s.threshold !== null ? `, threshold ${s.threshold}` : ''}; ${recap}.`]);
    }
    if (!rules.length) {
      head.push(['No rules yet. Add one with ', { code: '/papers subscribe <rule>' }, '.']);
      return withList(head, []);
    }
    head.push([{ bold: `${rules.length} rule${rules.length === 1 ? '' : 's'}` }, ':']);
    const items: Line[] = rules.map((r) => [`${r.id}. `, { code: r.text }, ` — added by ${r.addedBy === ctx.userId ? 'you' : r.addedBy} on ${day(r.addedAt)}`]);
    return withList(head, items);
  },
} satisfies Command;
