import type { ChatPort, PostedPaper } from '../chat/port.js';
import type { Logger } from '../log.js';
import type { Channel, Stores } from '../store/types.js';
import { DAY_MS } from '../util/days.js';
import type { FeedbackRecorder, ReconcileReport } from './recorder.js';

export interface CollectOptions {
  stores: Stores;
  recorder: FeedbackRecorder;
  logger?: Logger;
  now: Date;
  /** Posts this recent are read (default 14 days)… */
  days?: number;
  /** …and at most this many, the newest (default 50), to stay inside the platform's rate limits. */
  maxPosts?: number;
}

/**
 * For a port that gets no feedback events: snapshot the reactions and replies
 * of the channel's recent paper posts and reconcile them with the store.
 * Best effort: a failure is logged and the digest goes on with what is stored.
 */
export async function collectChannelFeedback(channel: Channel, port: ChatPort, opts: CollectOptions): Promise<ReconcileReport | null> {
  if (!port.collectFeedback) return null;
  const since = new Date(opts.now.getTime() - (opts.days ?? 14) * DAY_MS).toISOString();
  const records = await opts.stores.threads.postedIn(channel.id, { since, limit: opts.maxPosts ?? 50 });
  if (!records.length) return null;
  const posts: PostedPaper[] = records.map((r) => ({ paperId: r.paperId, messageId: r.messageId, threadId: r.threadId }));
  try {
    const { snapshot, covered } = await port.collectFeedback(channel, posts);
    return await opts.recorder.reconcileSnapshot(channel, snapshot, covered, opts.now.toISOString());
  } catch (err) {
    opts.logger?.warn({ err, channel: channel.id }, 'could not collect feedback before the digest');
    return null;
  }
}
