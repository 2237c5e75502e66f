import { leaseCutoff } from '../rows/delivery.js';
import type { DeliveryStore, Workload } from '../types.js';
import { LIVE_WORKER_KEYS } from './locks.js';
import { changes, type Pool, rows } from './pool.js';

type ChannelClaims = Pick<DeliveryStore, 'claimChannel' | 'channelHolder' | 'renewChannel' | 'releaseChannel' | 'takeChannels' | 'workload'>;

/** A claim whose owner holds no worker lock: that worker is gone (see WORKER_NAMESPACE). */
const GONE = (owner: string) => `hashtext(${owner})::oid NOT IN (SELECT objid FROM live)`;

/**
 * Channel claims on PostgreSQL. Claiming is INSERT … ON CONFLICT DO UPDATE
 * WHERE, which re-checks the newest row: a compare-and-set. Workers taking
 * channels in bulk lock the channel rows they choose with SKIP LOCKED, so two
 * taking at once choose different channels rather than queue behind each other.
 */
export function createChannelClaims(pool: Pool): ChannelClaims {
  return {
    async claimChannel(channelId, owner, now, leaseMs, takeOver) {
      const taken = await rows(
        pool,
        `INSERT INTO channel_claims (channel_id, owner, claimed_at) VALUES ($1, $2, $3)
         ON CONFLICT (channel_id) DO UPDATE SET owner = excluded.owner, claimed_at = excluded.claimed_at
         WHERE channel_claims.owner = excluded.owner
            OR (channel_claims.owner = $4 AND channel_claims.claimed_at = $5 AND channel_claims.claimed_at <= $6)
         RETURNING channel_id`,
        [channelId, owner, now, takeOver?.owner ?? null, takeOver?.claimedAt ?? null, leaseCutoff(now, leaseMs)],
      );
      return taken.length === 1;
    },
    async channelHolder(channelId) {
      const [row] = await rows<{ owner: string; claimed_at: string }>(pool, 'SELECT owner, claimed_at FROM channel_claims WHERE channel_id = $1', [channelId]);
      return row ? { owner: row.owner, claimedAt: row.claimed_at } : null;
    },
    async renewChannel(channelId, owner, now) {
      return (await changes(pool, 'UPDATE channel_claims SET claimed_at = $1 WHERE channel_id = $2 AND owner = $3', [now, channelId, owner])) === 1;
    },
    async releaseChannel(channelId, owner) {
      await pool.query('DELETE FROM channel_claims WHERE channel_id = $1 AND owner = $2', [channelId, owner]);
    },
    async takeChannels(owner, now, leaseMs, limit) {
      if (limit <= 0) return [];
      const taken = await rows<{ channel_id: number }>(
        pool,
        `WITH live AS MATERIALIZED (${LIVE_WORKER_KEYS}),
         heads AS (
           SELECT DISTINCT ON (channel_id) channel_id, status, next_attempt_at FROM deliveries
           WHERE status IN ('planned', 'attempted')
           ORDER BY channel_id, planned_at, digest_id, seq, id),
         free AS (
           SELECT c.id FROM heads h JOIN channels c ON c.id = h.channel_id LEFT JOIN channel_claims k ON k.channel_id = h.channel_id
           WHERE NOT c.paused AND (h.status = 'attempted' OR h.next_attempt_at IS NULL OR h.next_attempt_at <= $2)
             AND (k.channel_id IS NULL OR (k.owner <> $1 AND (k.claimed_at <= $3 OR ${GONE('k.owner')})))
           ORDER BY c.id LIMIT $4
           FOR NO KEY UPDATE OF c SKIP LOCKED)
         INSERT INTO channel_claims (channel_id, owner, claimed_at) SELECT id, $1, $2 FROM free
         ON CONFLICT (channel_id) DO UPDATE SET owner = excluded.owner, claimed_at = excluded.claimed_at
         WHERE channel_claims.claimed_at <= $3 OR ${GONE('channel_claims.owner')}
         RETURNING channel_id`,
        [owner, now, leaseCutoff(now, leaseMs), limit],
      );
      return taken.map((r) => r.channel_id).sort((a, b) => a - b);
    },
    async workload(owner, now): Promise<Workload> {
      const [row] = await rows<{ deliveries: number; channels: number; oldest: string | null }>(
        pool,
        `SELECT (SELECT count(*) FROM deliveries WHERE status = 'attempted' AND claimed_by = $1) AS deliveries,
                (SELECT count(*) FROM channel_claims WHERE owner = $1) AS channels,
                (SELECT min(coalesce(next_attempt_at, planned_at)) FROM deliveries
                 WHERE status = 'planned' AND (next_attempt_at IS NULL OR next_attempt_at <= $2)) AS oldest`,
        [owner, now],
      );
      return { deliveries: row?.deliveries ?? 0, channels: row?.channels ?? 0, oldestDueAt: row?.oldest ?? null };
    },
  };
}
