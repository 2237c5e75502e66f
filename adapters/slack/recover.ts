import type { WebClient } from '@slack/web-api';
import { z } from 'zod';

export const POST_EVENT_TYPE = 'paperboy_post';

/** How far back, and how many messages, a recovery looks: the earlier attempt was minutes ago. */
const RECOVERY_WINDOW_S = 24 * 3600;
const RECOVERY_LIMIT = 30;

const History = z.object({
  messages: z
    .array(
      z.object({
        ts: z.string(),
        metadata: z.object({ event_type: z.string(), event_payload: z.record(z.string(), z.unknown()).optional() }).optional(),
      }),
    )
    .default([]),
});

/**
 * After a crash between posting and recording, find the post an earlier
 * attempt made, by the idempotency key in its message metadata. Only called
 * when a delivery may have been sent: reading history is tightly rate-limited
 * for most apps, so it is a recovery path, never part of every post.
 */
export async function findEarlierPost(client: WebClient, channel: string, idempotencyKey: string, nowMs: number): Promise<string | null> {
  const res = await client.conversations.history({
    channel,
    limit: RECOVERY_LIMIT,
    include_all_metadata: true,
    oldest: String(Math.floor(nowMs / 1000) - RECOVERY_WINDOW_S),
  });
  const history = History.parse(res);
  const found = history.messages.find((m) => m.metadata?.event_type === POST_EVENT_TYPE && m.metadata.event_payload?.idempotency_key === idempotencyKey);
  return found?.ts ?? null;
}
