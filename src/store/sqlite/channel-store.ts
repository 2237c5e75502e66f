import type Database from 'better-sqlite3';
import type { ChannelRef } from '../../chat/port.js';
import { type ChannelRow, toChannel } from '../rows/channel.js';
import { leaseCutoff } from '../rows/delivery.js';
import { parseValue } from '../rows/parse.js';
import { platformSchema } from '../rows/schemas.js';
import { KEEP_ASIDE } from './pause-sql.js';
import { DELIVERY_MAX_AGE_MS, type Channel, type ChannelStore, type PauseChange } from '../types.js';

/** Discord's token serves every guild: its failure is recorded under this workspace. */
const WHOLE_PLATFORM = '*';

export function createChannelStore(db: Database.Database): ChannelStore {
  const insert = db.prepare(
    `INSERT INTO channels (platform, workspace_id, channel_id, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (platform, workspace_id, channel_id) DO NOTHING`,
  );
  const byRef = db.prepare<[string, string, string], ChannelRow>('SELECT * FROM channels WHERE platform = ? AND workspace_id = ? AND channel_id = ?');
  const byId = db.prepare<[number], ChannelRow>('SELECT * FROM channels WHERE id = ?');
  const all = db.prepare<[], ChannelRow>('SELECT * FROM channels ORDER BY id');
  const schedule = db.prepare('UPDATE channels SET schedule_time = ?, timezone = ? WHERE id = ?');
  const pause = db.prepare('UPDATE channels SET paused = @paused, paused_reason = @reason WHERE id = @id');
  const wasPaused = db.prepare<[number]>('SELECT paused FROM channels WHERE id = ?').pluck();
  // Queued deliveries are kept aside, not failed: they come back on resume.
  const keepAside = db.prepare(KEEP_ASIDE);
  const bringBack = db.prepare(
    `UPDATE deliveries SET status = 'planned', next_attempt_at = NULL WHERE channel_id = @id AND status = 'paused' AND planned_at >= @since`,
  );
  const tooOld = db.prepare(
    `UPDATE deliveries SET status = 'failed', failed_at = @now, failure_reason = 'not delivered within 7 days: the channel was paused'
     WHERE channel_id = @id AND status = 'paused'`,
  );
  const clearToken = db.prepare(
    `DELETE FROM token_failures WHERE platform = (SELECT platform FROM channels WHERE id = @id)
       AND workspace_id IN (@star, (SELECT workspace_id FROM channels WHERE id = @id))`,
  );
  const workspaceChannels = db
    .prepare<[string, string, string]>(`SELECT id FROM channels WHERE platform = ? AND (? = '*' OR workspace_id = ?) AND paused = 0`)
    .pluck();
  const recordToken = db.prepare(
    `INSERT INTO token_failures (platform, workspace_id, reason, at) VALUES (?, ?, ?, ?)
     ON CONFLICT (platform, workspace_id) DO UPDATE SET reason = excluded.reason, at = excluded.at`,
  );
  const tokens = db.prepare<[], { platform: string; workspace_id: string; reason: string; at: string }>(
    'SELECT * FROM token_failures ORDER BY platform, workspace_id',
  );

  const find = (ref: ChannelRef): Channel | null => {
    const row = byRef.get(ref.platform, ref.workspaceId, ref.channelId);
    return row ? toChannel(row) : null;
  };

  const setPaused = db.transaction((id: number, paused: boolean, reason: string | null, now: string): PauseChange => {
    const before = wasPaused.get(id) as number | undefined;
    if (before === undefined) return { changed: false, deliveries: 0, expired: 0 };
    pause.run({ id, paused: paused ? 1 : 0, reason });
    if (paused) return { changed: before === 0, deliveries: keepAside.run(id).changes, expired: 0 };
    clearToken.run({ id, star: WHOLE_PLATFORM });
    const deliveries = bringBack.run({ id, since: leaseCutoff(now, DELIVERY_MAX_AGE_MS) }).changes;
    return { changed: before === 1, deliveries, expired: tooOld.run({ id, now }).changes };
  });

  const pauseWorkspace = db.transaction((platform: string, workspaceId: string | null, reason: string, now: string): number => {
    const scope = workspaceId ?? WHOLE_PLATFORM;
    recordToken.run(platform, scope, reason, now);
    const ids = workspaceChannels.all(platform, scope, scope) as number[];
    for (const id of ids) {
      pause.run({ id, paused: 1, reason });
      keepAside.run(id);
    }
    return ids.length;
  });

  return {
    async ensure(ref, now) {
      // Insert-if-absent then read: two processes ensuring the same channel both get the one row.
      insert.run(ref.platform, ref.workspaceId, ref.channelId, now);
      const channel = find(ref);
      if (!channel) throw new Error(`channel ${ref.platform}/${ref.workspaceId}/${ref.channelId} vanished right after it was ensured`);
      return channel;
    },
    async find(ref) {
      return find(ref);
    },
    async get(id) {
      const row = byId.get(id);
      return row ? toChannel(row) : null;
    },
    async list() {
      return all.all().map(toChannel);
    },
    async setSchedule(id, time, timezone) {
      schedule.run(time, timezone, id);
    },
    async setPaused(id, paused, reason, now = new Date().toISOString()) {
      return setPaused.immediate(id, paused, reason, now);
    },
    async pauseWorkspace(platform, workspaceId, reason, now = new Date().toISOString()) {
      return pauseWorkspace.immediate(platform, workspaceId, reason, now);
    },
    async tokenFailures() {
      return tokens.all().map((r) => ({
        platform: parseValue(platformSchema, r.platform, { table: 'token_failures', id: `${r.platform}/${r.workspace_id}`, column: 'platform' }),
        workspaceId: r.workspace_id === WHOLE_PLATFORM ? null : r.workspace_id,
        reason: r.reason,
        at: r.at,
      }));
    },
  };
}
