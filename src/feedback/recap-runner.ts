import { currentBotIds, type BotUserIds } from './bots.js';
import { arxivAbsUrl } from '../papers/paper.js';
import type { NoticeImage, PostedPaper } from '../chat/port.js';
import type { Clock } from '../clock.js';
import { deliveryKey } from '../digest/keys.js';
import type { Logger } from '../log.js';
import { isRecapDue, lastRecapSlot } from '../schedule/recap-due.js';
import type { Channel, ChannelSettings, Stores } from '../store/types.js';
import { DAY_MS } from '../util/days.js';
import { emojiOf } from './learning.js';
import { discussionScores, RECAP_SIZE, recapLines, type RecapEntry } from './recap.js';
import { threadUrl } from './thread-link.js';

const WEEK_MS = 7 * DAY_MS;

export interface RecapDeps {
  stores: Stores;
  clock: Clock;
  logger?: Logger;
  defaultTimezone: string;
  botUserIds?: BotUserIds;
  /** Read feedback first on ports that get no events (see collectChannelFeedback). */
  collect?: (channel: Channel) => Promise<unknown>;
  /** Send what was planned for the channel (the digest pipeline's outbox). */
  deliver: (channelId: number) => Promise<number>;
  /** The platform's link to a paper's post (ChatPort.permalink), where it has one; otherwise the link is built from ids. */
  permalink?: (channel: Channel, post: PostedPaper) => Promise<string | null>;
}

export interface RecapRunner {
  /** Post every recap that is due now; returns how many channels had one due. */
  runDue(): Promise<number>;
  /** Plan and send one channel's recap for the week ending at `now`; false when there was nothing to recap. */
  post(channel: Channel, settings: ChannelSettings, weekId: string): Promise<boolean>;
}

/**
 * The weekly "most discussed" post. It goes through the outbox like a digest:
 * a notice delivery keyed by channel and week, so a rerun, a crash or a second
 * process never posts the same week twice.
 */
export function createRecapRunner(deps: RecapDeps): RecapRunner {
  const { stores } = deps;

  async function post(channel: Channel, settings: ChannelSettings, weekId: string): Promise<boolean> {
    await deps.collect?.(channel);
    const now = deps.clock.now();
    const since = new Date(now.getTime() - WEEK_MS).toISOString();
    const events = await stores.feedback.forChannel(channel.id, { since });
    const top = discussionScores(events, emojiOf(settings), currentBotIds(deps.botUserIds)).slice(0, RECAP_SIZE);
    if (!top.length) return false;
    const posts = new Map((await stores.threads.postedIn(channel.id)).map((p) => [p.paperId, p]));
    const entries: RecapEntry[] = [];
    let image: NoticeImage | undefined;
    for (const d of top) {
      const paper = await stores.papers.get(d.paperId);
      // The most discussed paper's figure, as its post showed it (checked at the source: https on Hugging Face's hosts).
      if (!entries.length && paper?.imageUrl) image = { url: paper.imageUrl, alt: paper.title || paper.id };
      const thread = posts.get(d.paperId);
      // The console has no thread URL: the paper's page is the next best place.
      const url = (thread ? ((await deps.permalink?.(channel, thread)) ?? threadUrl(channel, thread)) : null) ?? arxivAbsUrl(d.paperId);
      entries.push({ discussion: d, title: paper?.title ?? d.paperId, url });
    }
    const digestId = `recap-${weekId}`;
    await stores.deliveries.planDigest({
      channelId: channel.id,
      digestId,
      plannedAt: now.toISOString(),
      coveredUntil: channel.lastDigestAt ?? now.toISOString(),
      keepWindow: true,
      deliveries: [
        {
          kind: 'notice',
          paperId: null,
          idempotencyKey: deliveryKey(channel.id, 'recap', weekId),
          message: { kind: 'notice', lines: recapLines(entries), ...(image ? { image } : {}) },
          status: 'planned',
        },
      ],
    });
    await deps.deliver(channel.id);
    return true;
  }

  return {
    post,
    async runDue() {
      const now = deps.clock.now();
      let due = 0;
      for (const settings of await stores.settings.withRecap()) {
        const channel = await stores.channels.get(settings.channelId);
        if (!channel || channel.paused) continue;
        const schedule = { weekday: settings.recapWeekday, time: settings.recapTime, timezone: channel.timezone ?? deps.defaultTimezone };
        if (!isRecapDue(schedule, settings.lastRecapAt, now)) continue;
        due += 1;
        const week = lastRecapSlot(schedule, now).day;
        try {
          const posted = await post(channel, settings, week);
          deps.logger?.info({ channel: channel.id, week, posted }, posted ? 'weekly recap posted' : 'weekly recap: no discussion this week');
          // Marked even when nothing was posted: an empty week stays empty until next week's slot.
          await stores.settings.update(channel.id, { lastRecapAt: now.toISOString() });
        } catch (err) {
          deps.logger?.error({ err, channel: channel.id }, 'weekly recap failed; retried next minute');
        }
      }
      return due;
    },
  };
}
