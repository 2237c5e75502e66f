import type { Line } from '../chat/reply.js';
import type { Command } from './command.js';
import { findChannel } from './channel.js';
import { plural, refuse, reply } from './replies.js';

export default {
  name: 'more',
  summary: 'the papers beyond the last digest’s cap',
  usage: '/papers more',
  manage: false,
  expensive: 'io',
  async run(ctx, _args, deps) {
    const channel = await findChannel(deps, ctx.channel);
    if (!channel) return reply([['Nothing is waiting: this channel has had no digest yet.']]);
    if (channel.paused)
      return refuse([
        ['Digests here are paused', channel.pausedReason ? ` (${channel.pausedReason})` : '', '. ', { code: '/papers resume' }, ' restarts them.'],
      ]);
    const report = await deps.digest().more(channel.id);
    if (report.failed) return refuse([[`Posting here failed${report.pausedReason ? `: ${report.pausedReason}` : ''}.`]]);
    if (report.planned === 0) return reply([['Nothing is waiting: the last digest showed every match.']]);
    // `sent` counts messages, the "more" line included; `planned` is the papers released.
    const lines: Line[] = [
      [
        report.sent < report.planned
          ? `Posted ${report.sent} of ${plural(report.planned, 'more paper')}; the rest will be retried.`
          : `Posted ${plural(report.planned, 'more paper')}.`,
      ],
    ];
    if (report.held > 0) lines.push([`${report.held} still waiting: `, { code: '/papers more' }, '.']);
    return reply(lines);
  },
} satisfies Command;
