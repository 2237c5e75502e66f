import type Database from 'better-sqlite3';
import { z } from 'zod';
import { defaultSettings } from '../settings-defaults.js';
import type { ChannelSettings, ChannelSettingsPatch, ChannelSettingsStore } from '../types.js';
import { parseJsonColumn } from './parse.js';

interface SettingsRow {
  channel_id: number;
  learn: number;
  threshold: number | null;
  positive_emoji: string | null;
  negative_emoji: string | null;
  recap_enabled: number;
  recap_weekday: number | null;
  recap_time: string | null;
  last_recap_at: string | null;
}

const emojiList = z.array(z.string());

function toSettings(row: SettingsRow): ChannelSettings {
  const list = (text: string | null, column: string) =>
    text === null ? null : parseJsonColumn(emojiList, text, { table: 'channel_settings', id: row.channel_id, column });
  return {
    channelId: row.channel_id,
    learn: row.learn === 1,
    threshold: row.threshold,
    positiveEmoji: list(row.positive_emoji, 'positive_emoji'),
    negativeEmoji: list(row.negative_emoji, 'negative_emoji'),
    recapEnabled: row.recap_enabled === 1,
    recapWeekday: row.recap_weekday,
    recapTime: row.recap_time,
    lastRecapAt: row.last_recap_at,
  };
}

function toRow(s: ChannelSettings): SettingsRow {
  return {
    channel_id: s.channelId,
    learn: s.learn ? 1 : 0,
    threshold: s.threshold,
    positive_emoji: s.positiveEmoji === null ? null : JSON.stringify(s.positiveEmoji),
    negative_emoji: s.negativeEmoji === null ? null : JSON.stringify(s.negativeEmoji),
    recap_enabled: s.recapEnabled ? 1 : 0,
    recap_weekday: s.recapWeekday,
    recap_time: s.recapTime,
    last_recap_at: s.lastRecapAt,
  };
}

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
    upsert.run(toRow(next));
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
