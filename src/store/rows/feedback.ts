import { z } from 'zod';
import type { FeedbackEvent } from '../../learn/feedback.js';
import { flag, parseValue } from './parse.js';

export interface FeedbackRow {
  id: number;
  event_key: string;
  channel_id: number;
  paper_id: string;
  user_id: string;
  kind: string;
  emoji: string | null;
  removed: number | boolean;
  at: string;
}

const kindSchema = z.enum(['reaction', 'reply']);

export function toFeedbackEvent(row: FeedbackRow): FeedbackEvent {
  return {
    eventKey: row.event_key,
    channelId: row.channel_id,
    paperId: row.paper_id,
    userId: row.user_id,
    kind: parseValue(kindSchema, row.kind, { table: 'feedback_events', id: row.id, column: 'kind' }),
    emoji: row.emoji,
    removed: flag(row.removed),
    at: row.at,
  };
}
