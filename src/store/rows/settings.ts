import { z } from 'zod';
import type { ChannelSettings } from '../types.js';
import { flag, parseJsonColumn } from './parse.js';

export interface SettingsRow {
  channel_id: number;
  learn: number | boolean;
  threshold: number | null;
  positive_emoji: string | null;
  negative_emoji: string | null;
  recap_enabled: number | boolean;
  recap_weekday: number | null;
  recap_time: string | null;
  last_recap_at: string | null;
}

const emojiList = z.array(z.string());

export function toSettings(row: SettingsRow): ChannelSettings {
  const list = (text: string | null, column: string) =>
    text === null ? null : parseJsonColumn(emojiList, text, { table: 'channel_settings', id: row.channel_id, column });
  return {
    channelId: row.channel_id,
    learn: flag(row.learn),
    threshold: row.threshold,
    positiveEmoji: list(row.positive_emoji, 'positive_emoji'),
    negativeEmoji: list(row.negative_emoji, 'negative_emoji'),
    recapEnabled: flag(row.recap_enabled),
    recapWeekday: row.recap_weekday,
    recapTime: row.recap_time,
    lastRecapAt: row.last_recap_at,
  };
}

/** The row to write, booleans as the engine stores them (`asFlag`: SQLite 0/1, PostgreSQL itself). */
export function settingsRow<F>(s: ChannelSettings, asFlag: (b: boolean) => F) {
  return {
    channel_id: s.channelId,
    learn: asFlag(s.learn),
    threshold: s.threshold,
    positive_emoji: s.positiveEmoji === null ? null : JSON.stringify(s.positiveEmoji),
    negative_emoji: s.negativeEmoji === null ? null : JSON.stringify(s.negativeEmoji),
    recap_enabled: asFlag(s.recapEnabled),
    recap_weekday: s.recapWeekday,
    recap_time: s.recapTime,
    last_recap_at: s.lastRecapAt,
  };
}
