import type Database from 'better-sqlite3';
import { isOwnerGone } from '../../digest/owner.js';
import { leaseCutoff } from '../rows/delivery.js';
import type { ClaimHolder, DeliveryStore, Workload } from '../types.js';
import type { ClaimParams } from './claim-params.js';

type ChannelClaims = Pick<DeliveryStore, 'claimChannel' | 'channelHolder' | 'renewChannel' | 'releaseChannel' | 'takeChannels' | 'workload'>;

/**
 * Channel claims on SQLite. One host shares the file, so a holder that is
 * gone is a process of this host that no longer runs (isOwnerGone).
 */
export function createChannelClaims(db: Database.Database): ChannelClaims {
  // Free or already ours: taken. Another's: only the claim named, lapsed. One statement, so the row taken is the row checked.
  const take = db.prepare<ClaimParams, { channel_id: number }>(
    `INSERT INTO channel_claims (channel_id, owner, claimed_at) VALUES (@id, @owner, @now)
     ON CONFLICT (channel_id) DO UPDATE SET owner = excluded.owner, claimed_at = excluded.claimed_at
     WHERE channel_claims.owner = excluded.owner
        OR (channel_claims.owner IS @heldBy AND channel_claims.claimed_at IS @heldAt AND @heldAt <= @cutoff)
     RETURNING channel_id`,
  );
  const holder = db.prepare<[number], { owner: string; claimed_at: string }>('SELECT owner, claimed_at FROM channel_claims WHERE channel_id = ?');
  const renew = db.prepare('UPDATE channel_claims SET claimed_at = @now WHERE channel_id = @id AND owner = @owner');
  const release = db.prepare('DELETE FROM channel_claims WHERE channel_id = @id AND owner = @owner');
  // Each channel's first unsent delivery in plan order, when it is due, with whoever holds the channel.
  const candidates = db.prepare<{ now: string }, { id: number; owner: string | null; claimed_at: string | null }>(
    `WITH heads AS (
       SELECT channel_id, status, next_attempt_at,
              row_number() OVER (PARTITION BY channel_id ORDER BY planned_at, digest_id, seq, id) AS place
       FROM deliveries WHERE status IN ('planned', 'attempted'))
     SELECT h.channel_id AS id, k.owner, k.claimed_at
     FROM heads h JOIN channels c ON c.id = h.channel_id LEFT JOIN channel_claims k ON k.channel_id = h.channel_id
     WHERE h.place = 1 AND c.paused = 0 AND (h.status = 'attempted' OR h.next_attempt_at IS NULL OR h.next_attempt_at <= @now)
     ORDER BY h.channel_id`,
  );
  const counts = db.prepare<{ owner: string; now: string }, { deliveries: number; channels: number; oldest: string | null }>(
    `SELECT (SELECT count(*) FROM deliveries WHERE status = 'attempted' AND claimed_by = @owner) AS deliveries,
            (SELECT count(*) FROM channel_claims WHERE owner = @owner) AS channels,
            (SELECT min(coalesce(next_attempt_at, planned_at)) FROM deliveries
             WHERE status = 'planned' AND (next_attempt_at IS NULL OR next_attempt_at <= @now)) AS oldest`,
  );

  const claim = (id: number, owner: string, now: string, leaseMs: number, takeOver?: ClaimHolder): boolean =>
    take.get({ id, owner, now, heldBy: takeOver?.owner ?? null, heldAt: takeOver?.claimedAt ?? null, cutoff: leaseCutoff(now, leaseMs) }) !== undefined;

  // Chosen and claimed in one immediate transaction: a second process waits for it, then sees the claims.
  const takeSome = db.transaction((owner: string, now: string, leaseMs: number, limit: number): number[] => {
    const cutoff = leaseCutoff(now, leaseMs);
    const taken: number[] = [];
    for (const c of candidates.all({ now })) {
      if (taken.length >= limit) break;
      const held = c.owner !== null && c.claimed_at !== null ? { owner: c.owner, claimedAt: c.claimed_at } : undefined;
      if (held?.owner === owner) continue;
      const gone = held !== undefined && isOwnerGone(held.owner);
      if (held && !gone && held.claimedAt > cutoff) continue;
      if (claim(c.id, owner, now, gone ? 0 : leaseMs, held)) taken.push(c.id);
    }
    return taken;
  });

  return {
    async claimChannel(channelId, owner, now, leaseMs, takeOver) {
      return claim(channelId, owner, now, leaseMs, takeOver);
    },
    async channelHolder(channelId) {
      const row = holder.get(channelId);
      return row ? { owner: row.owner, claimedAt: row.claimed_at } : null;
    },
    async renewChannel(channelId, owner, now) {
      return renew.run({ id: channelId, owner, now }).changes === 1;
    },
    async releaseChannel(channelId, owner) {
      release.run({ id: channelId, owner });
    },
    async takeChannels(owner, now, leaseMs, limit) {
      if (limit <= 0) return [];
      return takeSome.immediate(owner, now, leaseMs, limit);
    },
    async workload(owner, now): Promise<Workload> {
      const row = counts.get({ owner, now });
      return { deliveries: row?.deliveries ?? 0, channels: row?.channels ?? 0, oldestDueAt: row?.oldest ?? null };
    },
  };
}
