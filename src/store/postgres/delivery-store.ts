import { type DeliveryRow, leaseCutoff, PLAN_ORDER, statusCounts, toDelivery } from '../rows/delivery.js';
import { flag } from '../rows/parse.js';
import type pg from 'pg';
import type { SentMessage } from '../../chat/port.js';
import type { ClaimedDelivery, DeliveryStore } from '../types.js';
import { createChannelClaims } from './channel-claims.js';
import { createDeliveryPlanner } from './delivery-plan.js';
import { changes, type Pool, rows, transaction } from './pool.js';

/*
 * Times are Date#toISOString text (COLLATE "C"), so text order is time order.
 * Every outcome checks claimed_by: only the claim's owner records what happened
 * to it. A queue read takes no locks; the claim that follows is one statement
 * that re-checks the row (SKIP LOCKED: a row another worker is taking right
 * now is passed over, not waited for).
 */

/** A planned row due at $now. */
const DUE = `(status = 'planned' AND (next_attempt_at IS NULL OR next_attempt_at <= $now))`;

/**
 * DeliveryStore.claimFirst in one statement: the queue's first row, locked and
 * re-checked against its newest version (still planned and due), then taken
 * as claim takes it. $1 channel, $2 owner, $3 now.
 */
const CLAIM_FIRST = `WITH head AS (
   SELECT id FROM deliveries
   WHERE channel_id = $1 AND status IN ('planned', 'attempted')
     AND (status = 'attempted' OR next_attempt_at IS NULL OR next_attempt_at <= $3)
   ORDER BY ${PLAN_ORDER} LIMIT 1),
 prior AS (
   SELECT d.id FROM deliveries d JOIN head ON d.id = head.id
   WHERE d.status = 'planned' AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= $3)
   FOR UPDATE OF d SKIP LOCKED)
 UPDATE deliveries d
 SET status = 'attempted', claimed_by = $2, claimed_at = $3, first_attempt_at = coalesce(d.first_attempt_at, $3)
 FROM prior WHERE d.id = prior.id
 RETURNING d.*`;

const claimedFirst = ([row]: DeliveryRow[]): ClaimedDelivery | null =>
  row ? { delivery: toDelivery(row), maybeSent: flag(row.maybe_sent), firstAttemptAt: row.first_attempt_at } : null;

/** Inside a transaction: the post and its thread are recorded together, so a crash between them cannot leave a post without a thread. */
async function recordSent(tx: pg.PoolClient, id: number, owner: string, message: SentMessage, now: string): Promise<boolean> {
  const n = await changes(
    tx,
    `UPDATE deliveries SET status = 'sent', message_id = $1, thread_id = $2, sent_at = $3, failure_reason = NULL
     WHERE id = $4 AND claimed_by = $5 AND status IN ('attempted', 'paused')`,
    [message.messageId, message.threadId, now, id, owner],
  );
  if (n !== 1) return false;
  await tx.query(
    `INSERT INTO threads (channel_id, paper_id, message_id, thread_id, created_at)
     SELECT channel_id, paper_id, $1, $2, $3 FROM deliveries WHERE id = $4 AND kind = 'paper'
     ON CONFLICT (channel_id, message_id) DO UPDATE SET paper_id = excluded.paper_id, thread_id = excluded.thread_id`,
    [message.messageId, message.threadId ?? message.messageId, now, id],
  );
  return true;
}

export function createDeliveryStore(pool: Pool): DeliveryStore {
  const planner = createDeliveryPlanner(pool);
  const list = async (sql: string, values: unknown[] = []) => (await rows<DeliveryRow>(pool, sql, values)).map(toDelivery);
  return {
    ...createChannelClaims(pool),
    async offered(channelId, paperIds) {
      if (!paperIds.length) return new Set();
      const found = await rows<{ paper_id: string }>(pool, 'SELECT paper_id FROM deliveries WHERE channel_id = $1 AND paper_id = ANY($2::text[])', [
        channelId,
        [...paperIds],
      ]);
      return new Set(found.map((r) => r.paper_id));
    },
    planDigest: (plan) => planner.planDigest(plan),
    async unsent(channelId) {
      return channelId === undefined
        ? list(`SELECT * FROM deliveries WHERE status IN ('planned', 'attempted') ORDER BY ${PLAN_ORDER}`)
        : list(`SELECT * FROM deliveries WHERE channel_id = $1 AND status IN ('planned', 'attempted') ORDER BY ${PLAN_ORDER}`, [channelId]);
    },
    async queue(channelId, now, limit) {
      return list(
        `SELECT * FROM deliveries WHERE channel_id = $1 AND status IN ('planned', 'attempted')
           AND (status = 'attempted' OR next_attempt_at IS NULL OR next_attempt_at <= $2)
         ORDER BY ${PLAN_ORDER} LIMIT $3`,
        [channelId, now, limit],
      );
    },
    async dueChannels(now, leaseMs) {
      const found = await rows<{ channel_id: number }>(
        pool,
        `SELECT DISTINCT channel_id FROM deliveries
         WHERE ${DUE.replace('$now', '$1')} OR (status = 'attempted' AND (claimed_at IS NULL OR claimed_at <= $2))
         ORDER BY channel_id`,
        [now, leaseCutoff(now, leaseMs)],
      );
      return found.map((r) => r.channel_id);
    },
    /**
     * One statement: the row is locked, checked against its newest version
     * (a takeover only from the holder named, with its claim older than the
     * lease), and taken. SET reads the old row, so an earlier 'attempted'
     * marks the delivery as possibly sent.
     */
    async claim(id, owner, now, leaseMs, takeOver) {
      const [taken] = await rows<{ maybe_sent: boolean; first_attempt_at: string | null }>(
        pool,
        `WITH prior AS (
           SELECT id FROM deliveries
           WHERE id = $1 AND (${DUE.replace('$now', '$3')}
             OR (status = 'attempted' AND claimed_by = $4 AND claimed_at = $5 AND $5 <= $6))
           FOR UPDATE SKIP LOCKED)
         UPDATE deliveries d
         SET status = 'attempted', claimed_by = $2, claimed_at = $3,
             maybe_sent = d.maybe_sent OR d.status = 'attempted',
             first_attempt_at = coalesce(d.first_attempt_at, $3)
         FROM prior WHERE d.id = prior.id
         RETURNING d.maybe_sent, d.first_attempt_at`,
        [id, owner, now, takeOver?.owner ?? null, takeOver?.claimedAt ?? null, leaseCutoff(now, leaseMs)],
      );
      return taken
        ? { claimed: true, maybeSent: taken.maybe_sent, firstAttemptAt: taken.first_attempt_at }
        : { claimed: false, maybeSent: false, firstAttemptAt: null };
    },
    /**
     * One statement: the queue's first row, locked and re-checked against its
     * newest version (still planned and due), then taken as claim takes it.
     */
    async claimFirst(channelId, owner, now) {
      return claimedFirst(await rows<DeliveryRow>(pool, CLAIM_FIRST, [channelId, owner, now]));
    },
    async renew(id, owner, now) {
      return (await changes(pool, `UPDATE deliveries SET claimed_at = $1 WHERE id = $2 AND claimed_by = $3 AND status = 'attempted'`, [now, id, owner])) === 1;
    },
    async markSent(id, owner, message, now) {
      return transaction(pool, (tx) => recordSent(tx, id, owner, message, now));
    },
    async markSentThenClaim(id, channelId, owner, message, now) {
      return transaction(pool, async (tx) => {
        if (!(await recordSent(tx, id, owner, message, now))) return { recorded: false, next: null };
        return { recorded: true, next: claimedFirst(await rows<DeliveryRow>(tx, CLAIM_FIRST, [channelId, owner, now])) };
      });
    },
    async retryLater(id, owner, r) {
      const n = await changes(
        pool,
        `UPDATE deliveries
         SET status = 'planned', next_attempt_at = $1, failure_reason = $2, attempts = attempts + $3, maybe_sent = maybe_sent OR $4
         WHERE id = $5 AND claimed_by = $6 AND status = 'attempted'`,
        [r.at, r.reason, r.countAttempt ? 1 : 0, r.maybeSent, id, owner],
      );
      return n === 1;
    },
    async fail(id, owner, reason, now) {
      const n = await changes(
        pool,
        `UPDATE deliveries SET status = 'failed', failed_at = $1, failure_reason = $2 WHERE id = $3 AND claimed_by = $4 AND status = 'attempted'`,
        [now, reason, id, owner],
      );
      return n === 1;
    },
    async expire(before, reason, now) {
      return changes(pool, `UPDATE deliveries SET status = 'failed', failed_at = $1, failure_reason = $2 WHERE status = 'planned' AND planned_at < $3`, [
        now,
        reason,
        before,
      ]);
    },
    async held(channelId) {
      return list(`SELECT * FROM deliveries WHERE channel_id = $1 AND status = 'held' ORDER BY ${PLAN_ORDER}`, [channelId]);
    },
    async release(channelId, ids, digestId, now) {
      await planner.release(channelId, ids, digestId, now);
    },
    async countByStatus() {
      return statusCounts(await rows<{ status: string; n: number }>(pool, 'SELECT status, count(*) AS n FROM deliveries GROUP BY status'));
    },
  };
}
