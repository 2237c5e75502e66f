import { type SettingsRow, settingsRow, toSettings } from '../rows/settings.js';
import { defaultSettings } from '../settings-defaults.js';
import type { ChannelSettings, ChannelSettingsStore } from '../types.js';
import { lockChannel, type Pool, type Queryable, rows, transaction } from './pool.js';

async function read(db: Queryable, channelId: number): Promise<ChannelSettings> {
  const [row] = await rows<SettingsRow>(db, 'SELECT * FROM channel_settings WHERE channel_id = $1', [channelId]);
  return row ? toSettings(row) : defaultSettings(channelId);
}

export function createSettingsStore(pool: Pool): ChannelSettingsStore {
  return {
    async get(channelId) {
      return read(pool, channelId);
    },
    async update(channelId, patch) {
      // Read-modify-write under the channel's lock, so two commands changing different settings both land.
      return transaction(pool, async (tx) => {
        await lockChannel(tx, channelId);
        const next: ChannelSettings = { ...(await read(tx, channelId)), ...patch, channelId };
        const r = settingsRow(next, (b) => b);
        await tx.query(
          `INSERT INTO channel_settings (channel_id, learn, threshold, positive_emoji, negative_emoji, recap_enabled, recap_weekday, recap_time, last_recap_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           ON CONFLICT (channel_id) DO UPDATE SET learn = excluded.learn, threshold = excluded.threshold,
             positive_emoji = excluded.positive_emoji, negative_emoji = excluded.negative_emoji, recap_enabled = excluded.recap_enabled,
             recap_weekday = excluded.recap_weekday, recap_time = excluded.recap_time, last_recap_at = excluded.last_recap_at`,
          [r.channel_id, r.learn, r.threshold, r.positive_emoji, r.negative_emoji, r.recap_enabled, r.recap_weekday, r.recap_time, r.last_recap_at],
        );
        return next;
      });
    },
    async withRecap() {
      return (await rows<SettingsRow>(pool, 'SELECT * FROM channel_settings WHERE recap_enabled ORDER BY channel_id')).map(toSettings);
    },
  };
}
