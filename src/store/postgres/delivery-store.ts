import { type DeliveryRow, leaseCutoff, PLAN_ORDER, statusCounts, toDelivery } from '../rows/delivery.js';
import type { DeliveryStore } from '../types.js';
import { createDeliveryPlanner } from './delivery-plan.js';
import { changes, type Pool, rows } from './pool.js';

/**
 * A delivery a worker may take ($cutoff: the oldest claim time still held):
 * planned, or attempted by an owner whose lease ran out. claimed_at and the
 * cutoff are both Date#toISOString text (COLLATE "C"), so text order is time
 * order. A claim of the next deliveries of a channel is this predicate with
 * ORDER BY plan order, LIMIT n, FOR UPDATE SKIP LOCKED.
 */
const claimable = (cutoff: string) => `(status = 'planned' OR (status = 'attempted' AND (claimed_at IS NULL OR claimed_at <= ${cutoff})))`;

export function createDeliveryStore(pool: Pool): DeliveryStore {
  const planner = createDeliveryPlanner(pool);
  const list = async (sql: string, values: unknown[] = []) => (await rows<DeliveryRow>(pool, sql, values)).map(toDelivery);
  return {
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
    /**
     * One statement: the row is locked (a row another worker is taking right
     * now is skipped, not waited for), checked against its newest version,
     * and taken; `before` is the status it had, so maybeSent describes exactly
     * the row taken.
     */
    async claim(id, owner, now, leaseMs) {
      const [taken] = await rows<{ before: string }>(
        pool,
        `WITH prior AS (SELECT id, status FROM deliveries WHERE id = $1 AND ${claimable('$4')} FOR UPDATE SKIP LOCKED)
         UPDATE deliveries d SET status = 'attempted', claimed_by = $2, claimed_at = $3 FROM prior WHERE d.id = prior.id
         RETURNING prior.status AS before`,
        [id, owner, now, leaseCutoff(now, leaseMs)],
      );
      return { claimed: taken !== undefined, maybeSent: taken?.before === 'attempted' };
    },
    async markSent(id, message, now) {
      const n = await changes(pool, `UPDATE deliveries SET status = 'sent', message_id = $1, thread_id = $2, sent_at = $3 WHERE id = $4`, [
        message.messageId,
        message.threadId,
        now,
        id,
      ]);
      if (n !== 1) throw new Error(`markSent: no delivery ${id}`);
    },
    async failChannel(channelId, now) {
      return changes(pool, `UPDATE deliveries SET status = 'failed', failed_at = $1 WHERE channel_id = $2 AND status IN ('planned', 'attempted')`, [
        now,
        channelId,
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
