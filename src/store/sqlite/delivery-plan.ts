import type Database from 'better-sqlite3';
import { freshDeliveries, messageText, planPaperIds } from '../rows/delivery.js';
import type { DigestPlan } from '../types.js';

/**
 * The two writes that put deliveries in a channel's queue: planning a digest
 * and releasing held papers. Each runs as one immediate transaction, so two
 * processes planning the same channel take turns and neither sees half a plan.
 */
export function createDeliveryPlanner(db: Database.Database) {
  const nextSeq = db.prepare<[number, string]>('SELECT coalesce(max(seq), -1) + 1 FROM deliveries WHERE channel_id = ? AND digest_id = ?').pluck();
  const taken = db.prepare<[number, string]>('SELECT paper_id FROM deliveries WHERE channel_id = ? AND paper_id IN (SELECT value FROM json_each(?))').pluck();
  // DO NOTHING covers both uniqueness rules: a paper a concurrent planner already
  // gave this channel, and a rerun of the same plan (same idempotency key).
  const insert = db.prepare(
    `INSERT INTO deliveries (channel_id, digest_id, seq, kind, paper_id, idempotency_key, message, status, planned_at)
     VALUES (@channelId, @digestId, @seq, @kind, @paperId, @idempotencyKey, @message, @status, @plannedAt)
     ON CONFLICT DO NOTHING`,
  );
  const cover = db.prepare('UPDATE channels SET last_digest_at = ? WHERE id = ?');
  const release = db.prepare(
    `UPDATE deliveries SET status = 'planned', digest_id = ?, seq = ?, planned_at = ?
     WHERE id = ? AND channel_id = ? AND status = 'held'`,
  );

  const planDigest = db.transaction((plan: DigestPlan): number => {
    const already = new Set(taken.all(plan.channelId, JSON.stringify(planPaperIds(plan))) as string[]);
    const fresh = freshDeliveries(plan, already);
    let written = 0;
    let seq = fresh.length ? (nextSeq.get(plan.channelId, plan.digestId) as number) : 0;
    for (const d of fresh) {
      const row = {
        channelId: plan.channelId,
        digestId: plan.digestId,
        seq,
        kind: d.kind,
        paperId: d.paperId,
        idempotencyKey: d.idempotencyKey,
        message: messageText(d, plan),
        status: d.status,
        plannedAt: plan.plannedAt,
      };
      const changes = insert.run(row).changes;
      written += changes;
      seq += changes;
    }
    if (!plan.keepWindow && cover.run(plan.coveredUntil, plan.channelId).changes !== 1)
      throw new Error(`digest ${plan.digestId}: no channel ${plan.channelId}`);
    return written;
  });

  const releaseHeld = db.transaction((channelId: number, ids: readonly number[], digestId: string, now: string): number => {
    let seq = nextSeq.get(channelId, digestId) as number;
    let released = 0;
    for (const id of ids) {
      const changes = release.run(digestId, seq, now, id, channelId).changes;
      released += changes;
      seq += changes;
    }
    return released;
  });

  return {
    planDigest: (plan: DigestPlan) => planDigest.immediate(plan),
    release: (channelId: number, ids: readonly number[], digestId: string, now: string) => releaseHeld.immediate(channelId, ids, digestId, now),
  };
}
