import type pg from 'pg';
import type { ChannelRef } from '../../chat/port.js';
import { type ChannelRow, toChannel } from '../rows/channel.js';
import { leaseCutoff } from '../rows/delivery.js';
import { parseValue } from '../rows/parse.js';
import { platformSchema } from '../rows/schemas.js';
import { DELIVERY_MAX_AGE_MS, type Channel, type ChannelStore } from '../types.js';
import { changes, lockChannel, type Pool, rows, transaction } from './pool.js';

/** Discord's token serves every guild: its failure is recorded under this workspace. */
const WHOLE_PLATFORM = '*';

/** Queued deliveries are kept aside, not failed: they come back on resume. */
export const keepAside = (tx: pg.PoolClient, id: number) =>
  changes(tx, `UPDATE deliveries SET status = 'paused' WHERE channel_id = $1 AND status IN ('planned', 'attempted')`, [id]);

export function createChannelStore(pool: Pool): ChannelStore {
  const one = async (sql: string, values: unknown[]): Promise<Channel | null> => {
    const [row] = await rows<ChannelRow>(pool, sql, values);
    return row ? toChannel(row) : null;
  };
  const find = (ref: ChannelRef) =>
    one('SELECT * FROM channels WHERE platform = $1 AND workspace_id = $2 AND channel_id = $3', [ref.platform, ref.workspaceId, ref.channelId]);

  return {
    async ensure(ref, now) {
      // Read first: ensure runs on every command, and an insert that conflicts would still use up an id.
      const known = await find(ref);
      if (known) return known;
      const created = await one(
        `INSERT INTO channels (platform, workspace_id, channel_id, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (platform, workspace_id, channel_id) DO NOTHING RETURNING *`,
        [ref.platform, ref.workspaceId, ref.channelId, now],
      );
      // Nothing returned: another worker created it in between; read theirs.
      const channel = created ?? (await find(ref));
      if (!channel) throw new Error(`channel ${ref.platform}/${ref.workspaceId}/${ref.channelId} vanished right after it was ensured`);
      return channel;
    },
    find,
    async get(id) {
      return one('SELECT * FROM channels WHERE id = $1', [id]);
    },
    async list() {
      return (await rows<ChannelRow>(pool, 'SELECT * FROM channels ORDER BY id')).map(toChannel);
    },
    async setSchedule(id, time, timezone) {
      await pool.query('UPDATE channels SET schedule_time = $1, timezone = $2 WHERE id = $3', [time, timezone, id]);
    },
    async setPaused(id, paused, reason, now = new Date().toISOString()) {
      return transaction(pool, async (tx) => {
        // The channel's row lock orders this against a planner writing the same channel's queue.
        await lockChannel(tx, id);
        const [before] = await rows<{ paused: boolean; platform: string; workspace_id: string }>(
          tx,
          'SELECT paused, platform, workspace_id FROM channels WHERE id = $1',
          [id],
        );
        if (!before) return { changed: false, deliveries: 0, expired: 0 };
        await tx.query('UPDATE channels SET paused = $1, paused_reason = $2 WHERE id = $3', [paused, reason, id]);
        if (paused) return { changed: !before.paused, deliveries: await keepAside(tx, id), expired: 0 };
        await tx.query('DELETE FROM token_failures WHERE platform = $1 AND workspace_id IN ($2, $3)', [before.platform, WHOLE_PLATFORM, before.workspace_id]);
        const deliveries = await changes(
          tx,
          `UPDATE deliveries SET status = 'planned', next_attempt_at = NULL WHERE channel_id = $1 AND status = 'paused' AND planned_at >= $2`,
          [id, leaseCutoff(now, DELIVERY_MAX_AGE_MS)],
        );
        const expired = await changes(
          tx,
          `UPDATE deliveries SET status = 'failed', failed_at = $1, failure_reason = 'not delivered within 7 days: the channel was paused'
           WHERE channel_id = $2 AND status = 'paused'`,
          [now, id],
        );
        return { changed: before.paused, deliveries, expired };
      });
    },
    async pauseWorkspace(platform, workspaceId, reason, now = new Date().toISOString()) {
      const scope = workspaceId ?? WHOLE_PLATFORM;
      return transaction(pool, async (tx) => {
        await tx.query(
          `INSERT INTO token_failures (platform, workspace_id, reason, at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (platform, workspace_id) DO UPDATE SET reason = excluded.reason, at = excluded.at`,
          [platform, scope, reason, now],
        );
        const paused = await rows<{ id: number }>(
          tx,
          `UPDATE channels SET paused = true, paused_reason = $1 WHERE platform = $2 AND ($3 = '*' OR workspace_id = $3) AND NOT paused RETURNING id`,
          [reason, platform, scope],
        );
        for (const { id } of paused) await keepAside(tx, id);
        return paused.length;
      });
    },
    async tokenFailures() {
      const found = await rows<{ platform: string; workspace_id: string; reason: string; at: string }>(
        pool,
        'SELECT * FROM token_failures ORDER BY platform, workspace_id',
      );
      return found.map((r) => ({
        platform: parseValue(platformSchema, r.platform, { table: 'token_failures', id: `${r.platform}/${r.workspace_id}`, column: 'platform' }),
        workspaceId: r.workspace_id === WHOLE_PLATFORM ? null : r.workspace_id,
        reason: r.reason,
        at: r.at,
      }));
    },
  };
}
