import type Database from 'better-sqlite3';
import { type ThreadRow, toThreadRecord } from '../rows/thread.js';
import type { ThreadStore } from '../types.js';

export function createThreadStore(db: Database.Database): ThreadStore {
  // Recording the same post twice (a retried markSent path) keeps one row, updated.
  const record = db.prepare(
    `INSERT INTO threads (channel_id, paper_id, message_id, thread_id, created_at) VALUES (@channelId, @paperId, @messageId, @threadId, @createdAt)
     ON CONFLICT (channel_id, message_id) DO UPDATE SET paper_id = excluded.paper_id, thread_id = excluded.thread_id`,
  );
  // Platform ids are unique per platform in practice (Discord snowflakes, Slack ts
  // within a channel); the newest record wins should two ever collide.
  const lookup = db.prepare<[string, string, string], ThreadRow>(
    `SELECT t.channel_id, t.paper_id, t.message_id, t.thread_id, t.created_at
     FROM threads t JOIN channels c ON c.id = t.channel_id
     WHERE c.platform = ? AND (t.thread_id = ? OR t.message_id = ?)
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
    async paperFor(platform, threadOrMessageId) {
      const row = lookup.get(platform, threadOrMessageId, threadOrMessageId);
      return row ? toThreadRecord(row) : null;
    },
  };
}
