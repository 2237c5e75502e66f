import type { Line } from '../chat/reply.js';
import { DAY_MS } from '../util/days.js';
import type { Command } from './command.js';
import { ensureChannel, scheduleOf } from './channel.js';
import { plural, refuse, reply } from './replies.js';
import { formatMoment } from './time.js';

export default {
  name: 'digest',
  summary: 'this channel’s matches now, skipping what it already got',
  usage: '/papers digest',
  manage: false,
  async run(ctx, _args, deps) {
    const channel = await ensureChannel(deps, ctx.channel);
    if (channel.paused)
      return refuse([
        ['Digests here are paused', channel.pausedReason ? ` (${channel.pausedReason})` : '', '. ', { code: '/papers resume' }, ' restarts them.'],
      ]);
    const rules = await deps.stores.rules.list(channel.id);
    if (!rules.length) return refuse([['This channel has no rules yet. Add one with ', { code: '/papers subscribe <rule>' }, '.']]);
    const since = channel.lastDigestAt;
    const report = await deps.digest().digestChannel(channel.id);
    if (report.failed) {
      return refuse([
        [`Posting here failed${report.pausedReason ? `: ${report.pausedReason}` : ''}. Digests are paused until `, { code: '/papers resume' }, '.'],
      ]);
    }
    if (report.planned === 0) {
      const zone = scheduleOf(channel, deps).timezone;
      const now = deps.clock.now();
      const from = since ?? new Date(now.getTime() - DAY_MS).toISOString();
      const arrived = (await deps.stores.papers.firstSeenBetween(from, new Date(now.getTime() + 1).toISOString())).length;
      const when = since ? `since the last digest (${formatMoment(since, zone)})` : 'in the last 24 hours';
      // Tell an empty day (weekends: arXiv announces nothing) from rules that matched nothing.
      if (arrived === 0)
        return reply([
          [
            `No new papers have arrived ${when}: arXiv announces nothing on Saturdays, Sundays and holidays, and Hugging Face lists few then. The next digest picks up whatever comes next.`,
          ],
        ]);
      return reply([
        [
          `${plural(arrived, 'new paper')} arrived ${when}; none matched this channel’s rules. See what a rule would catch with `,
          { code: '/papers preview <rule>' },
          '.',
        ],
      ]);
    }
    const lines: Line[] = [];
    // `sent` counts messages (the header and "more" line too), so fewer than `planned` means papers are still unsent.
    if (report.sent < report.planned) lines.push([`Posted ${report.sent} of ${plural(report.planned, 'paper')}; the rest will be retried.`]);
    else lines.push([`Posted ${plural(report.planned, 'paper')}.`]);
    if (report.held > 0) lines.push([`${plural(report.held, 'more paper')} ${report.held === 1 ? 'is' : 'are'} waiting: `, { code: '/papers more' }, '.']);
    return reply(lines);
  },
} satisfies Command;
