import type { Line } from '../chat/reply.js';
import { digestWindow } from '../digest/window.js';
import type { SourceName } from '../papers/paper.js';
import { localDay, weekdayOf } from '../schedule/zoned.js';
import type { SourceStateStore } from '../store/types.js';
import type { Command } from './command.js';
import { ensureChannel, scheduleOf } from './channel.js';
import { plural, refuse, reply } from './replies.js';
import { formatMoment } from './time.js';

export default {
  name: 'digest',
  summary: 'this channel’s matches now, skipping what it already got',
  usage: '/papers digest',
  manage: false,
  expensive: 'io',
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
      // The window this digest covered, as the pipeline computes it (a week at most).
      const window = digestWindow(since, now);
      const arrived = (await deps.stores.papers.firstSeenBetween(window.from, window.to)).length;
      const when =
        since === null
          ? 'in the last 24 hours'
          : Date.parse(window.from) > Date.parse(since)
            ? 'in the last 7 days'
            : `since the last digest (${formatMoment(since, zone)})`;
      if (arrived === 0) return reply([[await emptyDigestWord(when, now, zone, deps.stores.sources)]]);
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

const SOURCE_LABELS: Record<SourceName, string> = { hf: 'Hugging Face', arxiv: 'arXiv' };

/** Why nothing arrived: a weekend in the channel's zone, or how sources are fetched; and which source is failing, if one is. */
async function emptyDigestWord(when: string, now: Date, zone: string, sources: SourceStateStore): Promise<string> {
  const failures = (await sources.all()).flatMap((s) =>
    s.failures > 0 && s.lastErrorAt !== null
      ? [
          ` Fetching ${SOURCE_LABELS[s.source]} is failing (last tried ${formatMoment(s.lastErrorAt, zone)}: ${s.lastError ?? 'unknown error'}); Paperboy keeps retrying.`,
        ]
      : [],
  );
  // A weekend explains an empty day, but not a source that cannot be reached: say both.
  const weekday = weekdayOf(localDay(now, zone));
  if (weekday === 0 || weekday === 6)
    return `No new papers have arrived ${when}: arXiv announces nothing on Saturdays, Sundays and holidays, and Hugging Face lists few then. The next digest picks up whatever comes next.${failures.join('')}`;
  return `No new papers have arrived ${when}. Paperboy fetches Hugging Face through the day and arXiv after each evening’s announcement (none on holidays); the next digest picks up whatever comes next.${failures.join('')}`;
}
