import type Database from 'better-sqlite3';
import type { ChannelRef } from '../../chat/port.js';
import type { Channel, ChannelStore } from '../types.js';
import { type ChannelRow, toChannel } from '../rows/channel.js';

export function createChannelStore(db: Database.Database): ChannelStore {
  const insert = db.prepare(
    `INSERT INTO channels (platform, workspace_id, channel_id, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (platform, workspace_id, channel_id) DO NOTHING`,
  );
  const byRef = db.prepare<[string, string, string], ChannelRow>('SELECT * FROM channels WHERE platform = ? AND workspace_id = ? AND channel_id = ?');
  const byId = db.prepare<[number], ChannelRow>('SELECT * FROM channels WHERE id = ?');
  const all = db.prepare<[], ChannelRow>('SELECT * FROM channels ORDER BY id');
  const schedule = db.prepare('UPDATE channels SET schedule_time = ?, timezone = ? WHERE id = ?');
  const pause = db.prepare('UPDATE channels SET paused = ?, paused_reason = ? WHERE id = ?');
  const pauseAll = db.prepare('UPDATE channels SET paused = 1, paused_reason = ? WHERE platform = ? AND workspace_id = ?');

  const find = (ref: ChannelRef): Channel | null => {
    const row = byRef.get(ref.platform, ref.workspaceId, ref.channelId);
    return row ? toChannel(row) : null;
  };

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
    async setPaused(id, paused, reason) {
      pause.run(paused ? 1 : 0, reason, id);
    },
    async pauseWorkspace(platform, workspaceId, reason) {
      return pauseAll.run(reason, platform, workspaceId).changes;
    },
  };
}
