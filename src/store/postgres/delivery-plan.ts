import type pg from 'pg';
import { freshDeliveries, messageText, planPaperIds } from '../rows/delivery.js';
import type { DigestPlan } from '../types.js';
import { changes, lockChannel, type Pool, rows, transaction } from './pool.js';

async function nextSeq(tx: pg.PoolClient, channelId: number, digestId: string): Promise<number> {
  const [row] = await rows<{ next: number }>(tx, 'SELECT coalesce(max(seq), -1) + 1 AS next FROM deliveries WHERE channel_id = $1 AND digest_id = $2', [
    channelId,
    digestId,
  ]);
  return row?.next ?? 0;
}

/**
 * The two writes that put deliveries in a channel's queue: planning a digest
 * and releasing held papers. Each runs in one transaction under the channel's
 * row lock, so two workers planning the same channel take turns and neither
 * sees half a plan.
 */
export function createDeliveryPlanner(pool: Pool) {
  async function planDigest(plan: DigestPlan): Promise<number> {
    // Every message is checked before the transaction opens.
    const texts = new Map(plan.deliveries.map((d) => [d, messageText(d, plan)]));
    return transaction(pool, async (tx) => {
      await lockChannel(tx, plan.channelId);
      const paperIds = planPaperIds(plan);
      const offered = paperIds.length
        ? await rows<{ paper_id: string }>(tx, 'SELECT paper_id FROM deliveries WHERE channel_id = $1 AND paper_id = ANY($2::text[])', [
            plan.channelId,
            paperIds,
          ])
        : [];
      let fresh = freshDeliveries(plan, new Set(offered.map((r) => r.paper_id)));
      // A rerun of the same plan (same idempotency keys) writes nothing again; filtered here so seq stays gapless.
      if (fresh.length) {
        const keys = await rows<{ idempotency_key: string }>(tx, 'SELECT idempotency_key FROM deliveries WHERE idempotency_key = ANY($1::text[])', [
          fresh.map((d) => d.idempotencyKey),
        ]);
        const known = new Set(keys.map((k) => k.idempotency_key));
        fresh = fresh.filter((d) => !known.has(d.idempotencyKey));
      }
      let written = 0;
      if (fresh.length) {
        const seq = await nextSeq(tx, plan.channelId, plan.digestId);
        written = await changes(
          tx,
          `INSERT INTO deliveries (channel_id, digest_id, seq, kind, paper_id, idempotency_key, message, status, planned_at)
           SELECT $1, $2, $3 + u.ord - 1, u.kind, u.paper_id, u.idempotency_key, u.message, u.status, $4
           FROM unnest($5::text[], $6::text[], $7::text[], $8::text[], $9::text[]) WITH ORDINALITY AS u(kind, paper_id, idempotency_key, message, status, ord)
           ORDER BY u.ord
           ON CONFLICT DO NOTHING`,
          [
            plan.channelId,
            plan.digestId,
            seq,
            plan.plannedAt,
            fresh.map((d) => d.kind),
            fresh.map((d) => d.paperId),
            fresh.map((d) => d.idempotencyKey),
            fresh.map((d) => texts.get(d)),
            fresh.map((d) => d.status),
          ],
        );
      }
      if (!plan.keepWindow && (await changes(tx, 'UPDATE channels SET last_digest_at = $1 WHERE id = $2', [plan.coveredUntil, plan.channelId])) !== 1) {
        throw new Error(`digest ${plan.digestId}: no channel ${plan.channelId}`);
      }
      return written;
    });
  }

  async function release(channelId: number, ids: readonly number[], digestId: string, now: string): Promise<number> {
    return transaction(pool, async (tx) => {
      await lockChannel(tx, channelId);
      const held = await rows<{ id: number }>(tx, `SELECT id FROM deliveries WHERE id = ANY($1::bigint[]) AND channel_id = $2 AND status = 'held'`, [
        ids,
        channelId,
      ]);
      const releasable = new Set(held.map((r) => r.id));
      // In the order given, each once; anything not a held delivery of this channel is ignored.
      const order = [...new Set(ids)].filter((id) => releasable.has(id));
      if (!order.length) return 0;
      return changes(
        tx,
        `UPDATE deliveries d SET status = 'planned', digest_id = $1, seq = $2 + u.ord - 1, planned_at = $3
         FROM unnest($4::bigint[]) WITH ORDINALITY AS u(id, ord) WHERE d.id = u.id`,
        [digestId, await nextSeq(tx, channelId, digestId), now, order],
      );
    });
  }

  return { planDigest, release };
}
