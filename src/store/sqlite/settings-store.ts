import type Database from 'better-sqlite3';
import { type SettingsRow, settingsRow, toSettings } from '../rows/settings.js';
import { defaultSettings } from '../settings-defaults.js';
import type { ChannelSettings, ChannelSettingsPatch, ChannelSettingsStore } from '../types.js';

export function createSettingsStore(db: Database.Database): ChannelSettingsStore {
  const byId = db.prepare<[number], SettingsRow>('SELECT * FROM channel_settings WHERE channel_id = ?');
  const recaps = db.prepare<[], SettingsRow>('SELECT * FROM channel_settings WHERE recap_enabled = 1 ORDER BY channel_id');
  const upsert = db.prepare(
    `INSERT INTO channel_settings (channel_id, learn, threshold, positive_emoji, negative_emoji, recap_enabled, recap_weekday, recap_time, last_recap_at)
     VALUES (@channel_id, @learn, @threshold, @positive_emoji, @negative_emoji, @recap_enabled, @recap_weekday, @recap_time, @last_recap_at)
     ON CONFLICT (channel_id) DO UPDATE SET learn = excluded.learn, threshold = excluded.threshold,
       positive_emoji = excluded.positive_emoji, negative_emoji = excluded.negative_emoji, recap_enabled = excluded.recap_enabled,
       recap_weekday = excluded.recap_weekday, recap_time = excluded.recap_time, last_recap_at = excluded.last_recap_at`,
  );
  const get = (channelId: number): ChannelSettings => {
    const row = byId.get(channelId);
    return row ? toSettings(row) : defaultSettings(channelId);
  };
  // Read-modify-write in one transaction so two commands changing different settings both land.
  const update = db.transaction((channelId: number, patch: ChannelSettingsPatch): ChannelSettings => {
    const next: ChannelSettings = { ...get(channelId), ...patch, channelId };
    upsert.run(settingsRow(next, (b) => (b ? 1 : 0)));
    return next;
  });
  return {
    async get(channelId) {
      return get(channelId);
    },
    async update(channelId, patch) {
      return update.immediate(channelId, patch);
    },
    async withRecap() {
      return recaps.all().map(toSettings);
    },
  };
}
