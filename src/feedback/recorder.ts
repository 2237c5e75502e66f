import type { FeedbackInput, FeedbackSink } from '../chat/adapter.js';
import type { ChannelRef, FeedbackSnapshotItem } from '../chat/port.js';
import type { Logger } from '../log.js';
import type { Stores, ThreadRecord } from '../store/types.js';
import { currentBotIds, type BotUserIds } from './bots.js';
import { isVoteKey } from './votes.js';

export interface ReconcileReport {
  stored: number;
  duplicate: number;
  ignored: number;
  /** Live events of covered posts that the snapshot no longer shows, now marked removed. */
  removed: number;
}

export interface FeedbackRecorder extends FeedbackSink {
  /**
   * For ports that get no events (`ChatPort.collectFeedback`): store what the
   * snapshot shows, and mark removed what was stored for the `covered` posts
   * (message, thread or paper ids) but is no longer there.
   */
  reconcileSnapshot(channel: ChannelRef, snapshot: readonly FeedbackSnapshotItem[], covered: readonly string[], now: string): Promise<ReconcileReport>;
}

export interface RecorderDeps {
  stores: Stores;
  logger?: Logger;
  /** The bot's own user ids: its reactions and messages never count. */
  botUserIds: BotUserIds;
}

/**
 * The core's FeedbackSink: finds the paper post an event is about, ignores
 * the bot itself and anything that is not a paper post, and stores each
 * platform event once.
 */
export function createFeedbackRecorder(deps: RecorderDeps): FeedbackRecorder {
  const { stores } = deps;

  /** The paper post `id` names in this channel: an id from elsewhere says nothing about this channel's taste. */
  function postOf(channel: ChannelRef, id: string): Promise<ThreadRecord | null> {
    return stores.threads.paperFor(channel, id);
  }

  async function record(input: FeedbackInput): Promise<'stored' | 'duplicate' | 'ignored'> {
    if (currentBotIds(deps.botUserIds).includes(input.userId)) return 'ignored';
    if (input.kind === 'reaction' && !input.emoji) return 'ignored';
    const post = await postOf(input.channel, input.messageOrThreadId);
    if (!post) return 'ignored';
    const result = await stores.feedback.record({
      eventKey: input.eventKey,
      channelId: post.channelId,
      paperId: post.paperId,
      userId: input.userId,
      kind: input.kind,
      emoji: input.kind === 'reply' ? null : input.emoji,
      removed: input.removed,
      at: input.at,
    });
    deps.logger?.debug({ channel: post.channelId, paper: post.paperId, kind: input.kind, removed: input.removed, result }, 'feedback');
    return result;
  }

  return {
    record,
    async reconcileSnapshot(channel, snapshot, covered, now) {
      const report: ReconcileReport = { stored: 0, duplicate: 0, ignored: 0, removed: 0 };
      for (const item of snapshot) {
        const r = await record({ ...item, channel, removed: false });
        report[r] += 1;
      }
      const row = await stores.channels.find(channel);
      if (!row || !covered.length) return report;
      const coveredIds = new Set(covered);
      const posts = await stores.threads.postedIn(row.id);
      const coveredPapers = new Set(
        posts.filter((p) => coveredIds.has(p.messageId) || coveredIds.has(p.threadId) || coveredIds.has(p.paperId)).map((p) => p.paperId),
      );
      const present = new Set(snapshot.map((s) => s.eventKey));
      for (const e of await stores.feedback.forChannel(row.id)) {
        // Button votes are ours alone: the platform's reactions cannot show them, so their absence means nothing.
        if (e.removed || isVoteKey(e.eventKey) || present.has(e.eventKey) || !coveredPapers.has(e.paperId)) continue;
        // A removal seen only as an absence: stamped now, so it is newer than the event it ends.
        const at = now > e.at ? now : e.at;
        if ((await stores.feedback.record({ ...e, removed: true, at })) === 'stored') report.removed += 1;
      }
      return report;
    },
  };
}
