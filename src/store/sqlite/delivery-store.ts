import type Database from 'better-sqlite3';
import type { DeliveryStore } from '../types.js';
import { createDeliveryPlanner } from './delivery-plan.js';
import { leaseCutoff, PLAN_ORDER, statusCounts, toDelivery, type DeliveryRow } from '../rows/delivery.js';

export function createDeliveryStore(db: Database.Database): DeliveryStore {
  const planner = createDeliveryPlanner(db);
  const offered = db.prepare<[number, string]>('SELECT paper_id FROM deliveries WHERE channel_id = ? AND paper_id IN (SELECT value FROM json_each(?))').pluck();
  const unsentAll = db.prepare<[], DeliveryRow>(`SELECT * FROM deliveries WHERE status IN ('planned', 'attempted') ORDER BY ${PLAN_ORDER}`);
  const unsentOf = db.prepare<[number], DeliveryRow>(
    `SELECT * FROM deliveries WHERE channel_id = ? AND status IN ('planned', 'attempted') ORDER BY ${PLAN_ORDER}`,
  );
  const heldOf = db.prepare<[number], DeliveryRow>(`SELECT * FROM deliveries WHERE channel_id = ? AND status = 'held' ORDER BY ${PLAN_ORDER}`);
  const statusOf = db.prepare<[number]>('SELECT status FROM deliveries WHERE id = ?').pluck();
  // claimed_at is written from `now` as given; the cutoff is compared as ISO text,
  // which orders correctly because both come from Date#toISOString.
  const take = db.prepare(
    `UPDATE deliveries SET status = 'attempted', claimed_by = @owner, claimed_at = @now
     WHERE id = @id AND (status = 'planned' OR (status = 'attempted' AND (claimed_at IS NULL OR claimed_at <= @cutoff)))`,
  );
  const sent = db.prepare(`UPDATE deliveries SET status = 'sent', message_id = ?, thread_id = ?, sent_at = ? WHERE id = ?`);
  const fail = db.prepare(`UPDATE deliveries SET status = 'failed', failed_at = ? WHERE channel_id = ? AND status IN ('planned', 'attempted')`);
  const counts = db.prepare<[], { status: string; n: number }>('SELECT status, count(*) AS n FROM deliveries GROUP BY status');

  /** Read the prior status and take the row in one write transaction, so maybeSent describes exactly the row taken. */
  const claim = db.transaction((id: number, owner: string, now: string, leaseMs: number) => {
    const before = statusOf.get(id) as string | undefined;
    const claimed = take.run({ id, owner, now, cutoff: leaseCutoff(now, leaseMs) }).changes === 1;
    return { claimed, maybeSent: claimed && before === 'attempted' };
  });
  const failChannel = db.transaction((channelId: number, now: string) => fail.run(now, channelId).changes);

  return {
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
    async claim(id, owner, now, leaseMs) {
      return claim.immediate(id, owner, now, leaseMs);
    },
    async markSent(id, message, now) {
      if (sent.run(message.messageId, message.threadId, now, id).changes !== 1) throw new Error(`markSent: no delivery ${id}`);
    },
    async failChannel(channelId, now) {
      return failChannel.immediate(channelId, now);
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
