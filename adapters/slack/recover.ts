import { ErrorCode, type WebClient } from '@slack/web-api';
import { z } from 'zod';

export const POST_EVENT_TYPE = 'paperboy_post';

/** Without a known first attempt, look back this far: a delivery is never retried after 7 days. */
const DEFAULT_WINDOW_MS = 7 * 24 * 3600 * 1000;
/** Slack stamps the post a little after the attempt started; look a minute earlier. */
const MARGIN_MS = 60_000;
/** Apps outside the Marketplace get at most 15 messages per history page. */
const PAGE = 15;
/** A recovery reads at most this many pages (each about a minute apart under the tightest limits). */
const MAX_PAGES = 20;
/** Retry-After waits a recovery sits out between pages; a longer one is left to a later attempt. */
export const MAX_RECOVERY_WAIT_MS = 5 * 60_000;

const History = z.object({
  messages: z
    .array(
      z.object({
        ts: z.string(),
        bot_id: z.string().optional(),
        metadata: z.object({ event_type: z.string(), event_payload: z.record(z.string(), z.unknown()).optional() }).optional(),
      }),
    )
    .default([]),
  has_more: z.boolean().optional(),
  response_metadata: z.object({ next_cursor: z.string().optional() }).optional(),
});

function retryAfterMs(err: unknown): number | null {
  const e = err as { code?: unknown; retryAfter?: unknown };
  return e.code === ErrorCode.RateLimitedError && typeof e.retryAfter === 'number' ? Math.max(1, e.retryAfter) * 1000 : null;
}

/**
 * After an attempt that may have posted (a crash, a timeout), find that post
 * by the idempotency key in its message metadata, paging through history
 * (people's messages included) back to the first attempt. Only called when a
 * delivery may have been sent: reading history is tightly rate-limited for most
 * apps (about one call a minute outside the Marketplace), so it is a recovery
 * path, never part of every post. A 429 between pages is waited out (up to
 * MAX_RECOVERY_WAIT_MS in all); any other failed read throws, and the caller
 * waits and looks again later rather than posting blind.
 */
export async function findEarlierPost(
  client: WebClient,
  channel: string,
  idempotencyKey: string,
  at: { nowMs: number; sinceMs: number | null; sleep: (ms: number) => Promise<void> },
): Promise<string | null> {
  const oldestMs = (at.sinceMs ?? at.nowMs - DEFAULT_WINDOW_MS) - MARGIN_MS;
  let cursor: string | undefined;
  let waited = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    let res: unknown;
    try {
      res = await client.conversations.history({
        channel,
        limit: PAGE,
        include_all_metadata: true,
        oldest: (oldestMs / 1000).toFixed(6),
        ...(cursor ? { cursor } : {}),
      });
    } catch (err) {
      const wait = retryAfterMs(err);
      if (wait === null || waited + wait > MAX_RECOVERY_WAIT_MS) throw err;
      waited += wait;
      await at.sleep(wait);
      page -= 1;
      continue;
    }
    const history = History.parse(res);
    const found = history.messages.find((m) => m.metadata?.event_type === POST_EVENT_TYPE && m.metadata.event_payload?.idempotency_key === idempotencyKey);
    if (found) return found.ts;
    cursor = history.response_metadata?.next_cursor || undefined;
    if (!history.has_more || !cursor) return null;
  }
  return null;
}
