import type { ThreadRecord } from '../types.js';

export interface ThreadRow {
  channel_id: number;
  paper_id: string;
  message_id: string;
  thread_id: string;
  created_at: string;
}

export function toThreadRecord(row: ThreadRow): ThreadRecord {
  return { channelId: row.channel_id, paperId: row.paper_id, messageId: row.message_id, threadId: row.thread_id, createdAt: row.created_at };
}
