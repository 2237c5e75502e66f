import type Database from 'better-sqlite3';
import { type ThreadRow, toThreadRecord } from '../rows/thread.js';
import type { ThreadStore } from '../types.js';

export function createThreadStore(db: Database.Database): ThreadStore {
  // Recording the same post twice (a retried markSent path) keeps one row, updated.
  const record = db.prepare(
    `INSERT INTO threads (channel_id, paper_id, message_id, thread_id, created_at) VALUES (@channelId, @paperId, @messageId, @threadId, @createdAt)
     ON CONFLICT (channel_id, message_id) DO UPDATE SET paper_id = excluded.paper_id, thread_id = excluded.thread_id`,
  );
  // Within one channel: a Slack ts is unique only there (Discord snowflakes everywhere).
  const lookup = db.prepare<{ platform: string; workspaceId: string; channelId: string; id: string }, ThreadRow>(
    `SELECT t.channel_id, t.paper_id, t.message_id, t.thread_id, t.created_at
     FROM channels c JOIN threads t ON t.channel_id = c.id
     WHERE c.platform = @platform AND c.workspace_id = @workspaceId AND c.channel_id = @channelId
       AND (t.thread_id = @id OR t.message_id = @id)
     ORDER BY t.id DESC LIMIT 1`,
  );
  // Newest `limit` rows, handed back oldest first.
  const posted = db.prepare<[number, string, number], ThreadRow>(
    `SELECT * FROM (SELECT channel_id, paper_id, message_id, thread_id, created_at, id FROM threads
       WHERE channel_id = ? AND created_at >= ? ORDER BY created_at DESC, id DESC LIMIT ?)
     ORDER BY created_at, id`,
  );
  return {
    async postedIn(channelId, opts = {}) {
      return posted.all(channelId, opts.since ?? '', opts.limit ?? -1).map(toThreadRecord);
    },
    async record(t) {
      record.run(t);
    },
    async paperFor(channel, threadOrMessageId) {
      const row = lookup.get({ platform: channel.platform, workspaceId: channel.workspaceId, channelId: channel.channelId, id: threadOrMessageId });
      return row ? toThreadRecord(row) : null;
    },
  };
}
