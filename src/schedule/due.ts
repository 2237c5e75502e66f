import type { Channel } from '../store/types.js';
import { addDays } from '../util/days.js';
import { localDay, zonedInstant } from './zoned.js';

export interface ScheduleDefaults {
  time: string;
  timezone: string;
}

/** The most recent scheduled digest time of a channel at or before `now`. */
export function lastScheduledAt(channel: Pick<Channel, 'scheduleTime' | 'timezone'>, now: Date, defaults: ScheduleDefaults): Date {
  const tz = channel.timezone ?? defaults.timezone;
  const time = channel.scheduleTime ?? defaults.time;
  const today = localDay(now, tz);
  const todays = zonedInstant(today, time, tz);
  return todays.getTime() <= now.getTime() ? todays : zonedInstant(addDays(today, -1), time, tz);
}

/**
 * A channel is due when its latest scheduled time has passed and its last
 * digest (or its creation, for a new channel) came before that time. This
 * covers a digest missed while the process was down: it runs once, at start-up.
 */
export function isDue(channel: Channel, now: Date, defaults: ScheduleDefaults): boolean {
  if (channel.paused) return false;
  const slot = lastScheduledAt(channel, now, defaults).getTime();
  const last = Date.parse(channel.lastDigestAt ?? channel.createdAt);
  return last < slot;
}
