import { type ThreadRow, toThreadRecord } from '../rows/thread.js';
import type { ThreadStore } from '../types.js';
import { type Pool, rows } from './pool.js';

export function createThreadStore(pool: Pool): ThreadStore {
  return {
    async record(t) {
      // Recording the same post twice (a retried markSent path) keeps one row, updated.
      await pool.query(
        `INSERT INTO threads (channel_id, paper_id, message_id, thread_id, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (channel_id, message_id) DO UPDATE SET paper_id = excluded.paper_id, thread_id = excluded.thread_id`,
        [t.channelId, t.paperId, t.messageId, t.threadId, t.createdAt],
      );
    },
    async paperFor(channel, threadOrMessageId) {
      // Within one channel: a Slack ts is unique only there (Discord snowflakes everywhere).
      const [row] = await rows<ThreadRow>(
        pool,
        `SELECT t.channel_id, t.paper_id, t.message_id, t.thread_id, t.created_at
         FROM channels c JOIN threads t ON t.channel_id = c.id
         WHERE c.platform = $1 AND c.workspace_id = $2 AND c.channel_id = $3 AND (t.thread_id = $4 OR t.message_id = $4)
         ORDER BY t.id DESC LIMIT 1`,
        [channel.platform, channel.workspaceId, channel.channelId, threadOrMessageId],
      );
      return row ? toThreadRecord(row) : null;
    },
    async postedIn(channelId, opts = {}) {
      // Newest `limit` rows (LIMIT NULL: all), handed back oldest first.
      const posted = await rows<ThreadRow>(
        pool,
        `SELECT * FROM (SELECT channel_id, paper_id, message_id, thread_id, created_at, id FROM threads
           WHERE channel_id = $1 AND created_at >= $2 ORDER BY created_at DESC, id DESC LIMIT $3) newest
         ORDER BY created_at, id`,
        [channelId, opts.since ?? '', opts.limit ?? null],
      );
      return posted.map(toThreadRecord);
    },
  };
}
