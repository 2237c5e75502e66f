import { type FeedbackRow, toFeedbackEvent } from '../rows/feedback.js';
import type { FeedbackStore } from '../types.js';
import { type Pool, rows } from './pool.js';

export function createFeedbackStore(pool: Pool): FeedbackStore {
  return {
    async record(e) {
      // One statement: a new key is stored; a known key flips `removed` only by a newer event (a
      // redelivered old "added" must not undo a later removal); anything else returns no row.
      const written = await rows<{ id: number }>(
        pool,
        `INSERT INTO feedback_events (event_key, channel_id, paper_id, user_id, kind, emoji, removed, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (event_key) DO UPDATE SET removed = excluded.removed, at = excluded.at
           WHERE feedback_events.removed <> excluded.removed AND feedback_events.at <= excluded.at
         RETURNING id`,
        [e.eventKey, e.channelId, e.paperId, e.userId, e.kind, e.emoji, e.removed, e.at],
      );
      return written.length ? 'stored' : 'duplicate';
    },
    async forChannel(channelId, opts = {}) {
      const events = await rows<FeedbackRow>(pool, 'SELECT * FROM feedback_events WHERE channel_id = $1 AND at >= $2 ORDER BY at, id', [
        channelId,
        opts.since ?? '',
      ]);
      return events.map(toFeedbackEvent);
    },
  };
}
