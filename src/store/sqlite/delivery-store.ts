import type Database from 'better-sqlite3';
import type { ClaimedDelivery, ClaimHolder, DeliveryStore } from '../types.js';
import { createChannelClaims } from './channel-claims.js';
import { createDeliveryPlanner } from './delivery-plan.js';
import { leaseCutoff, PLAN_ORDER, statusCounts, toDelivery, type DeliveryRow } from '../rows/delivery.js';
import type { ClaimParams } from './claim-params.js';
import { flag } from '../rows/parse.js';

/*
 * Times are ISO text from Date#toISOString, so comparing them as text orders
 * them correctly. Every outcome checks `claimed_by`: only the claim's owner
 * records what happened to it.
 */
export function createDeliveryStore(db: Database.Database): DeliveryStore {
  const planner = createDeliveryPlanner(db);
  const offered = db.prepare<[number, string]>('SELECT paper_id FROM deliveries WHERE channel_id = ? AND paper_id IN (SELECT value FROM json_each(?))').pluck();
  const unsentAll = db.prepare<[], DeliveryRow>(`SELECT * FROM deliveries WHERE status IN ('planned', 'attempted') ORDER BY ${PLAN_ORDER}`);
  const unsentOf = db.prepare<[number], DeliveryRow>(
    `SELECT * FROM deliveries WHERE channel_id = ? AND status IN ('planned', 'attempted') ORDER BY ${PLAN_ORDER}`,
  );
  const queueOf = db.prepare<{ channelId: number; now: string; limit: number }, DeliveryRow>(
    `SELECT * FROM deliveries
     WHERE channel_id = @channelId AND status IN ('planned', 'attempted')
       AND (status = 'attempted' OR next_attempt_at IS NULL OR next_attempt_at <= @now)
     ORDER BY ${PLAN_ORDER} LIMIT @limit`,
  );
  const due = db
    .prepare<{ now: string; cutoff: string }>(
      `SELECT DISTINCT channel_id FROM deliveries
       WHERE (status = 'planned' AND (next_attempt_at IS NULL OR next_attempt_at <= @now))
          OR (status = 'attempted' AND (claimed_at IS NULL OR claimed_at <= @cutoff))
       ORDER BY channel_id`,
    )
    .pluck();
  const heldOf = db.prepare<[number], DeliveryRow>(`SELECT * FROM deliveries WHERE channel_id = ? AND status = 'held' ORDER BY ${PLAN_ORDER}`);
  // One statement, so the row taken is exactly the row checked. In SET every
  // expression reads the old row: an earlier 'attempted' means an earlier attempt
  // may have posted.
  const take = db.prepare<ClaimParams, { maybe_sent: number; first_attempt_at: string | null }>(
    `UPDATE deliveries
     SET status = 'attempted', claimed_by = @owner, claimed_at = @now,
         maybe_sent = CASE WHEN status = 'attempted' THEN 1 ELSE maybe_sent END,
         first_attempt_at = coalesce(first_attempt_at, @now)
     WHERE id = @id
       AND ((status = 'planned' AND (next_attempt_at IS NULL OR next_attempt_at <= @now))
         OR (status = 'attempted' AND claimed_by IS @heldBy AND claimed_at IS @heldAt AND @heldAt <= @cutoff))
     RETURNING maybe_sent, first_attempt_at`,
  );
  // The queue's first row, taken only if it is a planned one due now (see DeliveryStore.claimFirst).
  const takeFirst = db.prepare<{ channelId: number; owner: string; now: string }, DeliveryRow>(
    `UPDATE deliveries
     SET status = 'attempted', claimed_by = @owner, claimed_at = @now, first_attempt_at = coalesce(first_attempt_at, @now)
     WHERE id = (SELECT id FROM deliveries
                 WHERE channel_id = @channelId AND status IN ('planned', 'attempted')
                   AND (status = 'attempted' OR next_attempt_at IS NULL OR next_attempt_at <= @now)
                 ORDER BY ${PLAN_ORDER} LIMIT 1)
       AND status = 'planned' AND (next_attempt_at IS NULL OR next_attempt_at <= @now)
     RETURNING *`,
  );
  const renew = db.prepare(`UPDATE deliveries SET claimed_at = @now WHERE id = @id AND claimed_by = @owner AND status = 'attempted'`);
  // A pause may have moved the row aside while its owner was posting it: the post still counts.
  const sent = db.prepare(
    `UPDATE deliveries SET status = 'sent', message_id = @messageId, thread_id = @threadId, sent_at = @now, failure_reason = NULL
     WHERE id = @id AND claimed_by = @owner AND status IN ('attempted', 'paused')`,
  );
  const thread = db.prepare(
    `INSERT INTO threads (channel_id, paper_id, message_id, thread_id, created_at)
     SELECT channel_id, paper_id, @messageId, @threadId, @now FROM deliveries WHERE id = @id AND kind = 'paper'
     ON CONFLICT (channel_id, message_id) DO UPDATE SET paper_id = excluded.paper_id, thread_id = excluded.thread_id`,
  );
  const later = db.prepare(
    `UPDATE deliveries
     SET status = 'planned', next_attempt_at = @at, failure_reason = @reason,
         attempts = attempts + @count, maybe_sent = max(maybe_sent, @maybe)
     WHERE id = @id AND claimed_by = @owner AND status = 'attempted'`,
  );
  const fail = db.prepare(
    `UPDATE deliveries SET status = 'failed', failed_at = @now, failure_reason = @reason
     WHERE id = @id AND claimed_by = @owner AND status = 'attempted'`,
  );
  const expire = db.prepare(
    `UPDATE deliveries SET status = 'failed', failed_at = @now, failure_reason = @reason WHERE status = 'planned' AND planned_at < @before`,
  );
  const counts = db.prepare<[], { status: string; n: number }>('SELECT status, count(*) AS n FROM deliveries GROUP BY status');

  type Sent = { id: number; owner: string; messageId: string; threadId: string | null; now: string };
  /** Inside a transaction: the post and its thread are recorded together, so a crash between them cannot leave a post without a thread. */
  const recordSent = (p: Sent): boolean => {
    if (sent.run(p).changes !== 1) return false;
    thread.run({ id: p.id, messageId: p.messageId, threadId: p.threadId ?? p.messageId, now: p.now });
    return true;
  };
  const markSent = db.transaction(recordSent);

  const claimedFirst = (row: DeliveryRow | undefined): ClaimedDelivery | null =>
    row ? { delivery: toDelivery(row), maybeSent: flag(row.maybe_sent), firstAttemptAt: row.first_attempt_at } : null;
  const markSentThenClaim = db.transaction((p: Sent & { channelId: number }): DeliveryRow | null | false => {
    if (!recordSent({ id: p.id, owner: p.owner, messageId: p.messageId, threadId: p.threadId, now: p.now })) return false;
    return takeFirst.get({ channelId: p.channelId, owner: p.owner, now: p.now }) ?? null;
  });

  return {
    ...createChannelClaims(db),
    async offered(channelId, paperIds) {
      if (!paperIds.length) return new Set();
      return new Set(offered.all(channelId, JSON.stringify(paperIds)) as string[]);
    },
    async planDigest(plan) {
      return planner.planDigest(plan);
    },
    async unsent(channelId) {
      const rows = channelId === undefined ? unsentAll.all() : unsentOf.all(channelId);
      return rows.map(toDelivery);
    },
    async queue(channelId, now, limit) {
      return queueOf.all({ channelId, now, limit }).map(toDelivery);
    },
    async dueChannels(now, leaseMs) {
      return due.all({ now, cutoff: leaseCutoff(now, leaseMs) }) as number[];
    },
    async claim(id, owner, now, leaseMs, takeOver?: ClaimHolder) {
      const row = take.get({
        id,
        owner,
        now,
        heldBy: takeOver?.owner ?? null,
        heldAt: takeOver?.claimedAt ?? null,
        cutoff: leaseCutoff(now, leaseMs),
      });
      return row
        ? { claimed: true, maybeSent: row.maybe_sent === 1, firstAttemptAt: row.first_attempt_at }
        : { claimed: false, maybeSent: false, firstAttemptAt: null };
    },
    async claimFirst(channelId, owner, now) {
      return claimedFirst(takeFirst.get({ channelId, owner, now }));
    },
    async renew(id, owner, now) {
      return renew.run({ id, owner, now }).changes === 1;
    },
    async markSent(id, owner, message, now) {
      return markSent.immediate({ id, owner, messageId: message.messageId, threadId: message.threadId, now });
    },
    async markSentThenClaim(id, channelId, owner, message, now) {
      const row = markSentThenClaim.immediate({ id, channelId, owner, messageId: message.messageId, threadId: message.threadId, now });
      return row === false ? { recorded: false, next: null } : { recorded: true, next: claimedFirst(row ?? undefined) };
    },
    async retryLater(id, owner, r) {
      return later.run({ id, owner, at: r.at, reason: r.reason, count: r.countAttempt ? 1 : 0, maybe: r.maybeSent ? 1 : 0 }).changes === 1;
    },
    async fail(id, owner, reason, now) {
      return fail.run({ id, owner, reason, now }).changes === 1;
    },
    async expire(before, reason, now) {
      return expire.run({ before, reason, now }).changes;
    },
    async held(channelId) {
      return heldOf.all(channelId).map(toDelivery);
    },
    async release(channelId, ids, digestId, now) {
      planner.release(channelId, ids, digestId, now);
    },
    async countByStatus() {
      return statusCounts(counts.all());
    },
  };
}
