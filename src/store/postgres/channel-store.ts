import type { ChannelRef } from '../../chat/port.js';
import { type ChannelRow, toChannel } from '../rows/channel.js';
import type { Channel, ChannelStore } from '../types.js';
import { changes, type Pool, rows } from './pool.js';

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
    async setPaused(id, paused, reason) {
      await pool.query('UPDATE channels SET paused = $1, paused_reason = $2 WHERE id = $3', [paused, reason, id]);
    },
    async pauseWorkspace(platform, workspaceId, reason) {
      return changes(pool, 'UPDATE channels SET paused = true, paused_reason = $1 WHERE platform = $2 AND workspace_id = $3', [reason, platform, workspaceId]);
    },
  };
}
