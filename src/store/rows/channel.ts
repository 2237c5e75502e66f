import type { Channel } from '../types.js';
import { flag, parseValue } from './parse.js';
import { platformSchema } from './schemas.js';

export interface ChannelRow {
  id: number;
  platform: string;
  workspace_id: string;
  channel_id: string;
  schedule_time: string | null;
  timezone: string | null;
  paused: number | boolean;
  paused_reason: string | null;
  last_digest_at: string | null;
  created_at: string;
}

export function toChannel(row: ChannelRow): Channel {
  return {
    id: row.id,
    platform: parseValue(platformSchema, row.platform, { table: 'channels', id: row.id, column: 'platform' }),
    workspaceId: row.workspace_id,
    channelId: row.channel_id,
    scheduleTime: row.schedule_time,
    timezone: row.timezone,
    paused: flag(row.paused),
    pausedReason: row.paused_reason,
    lastDigestAt: row.last_digest_at,
    createdAt: row.created_at,
  };
}
