import { addDays } from '../util/days.js';
import { localDay, weekdayOf, zonedInstant } from './zoned.js';

export const DEFAULT_RECAP_WEEKDAY = 5; // Friday
export const DEFAULT_RECAP_TIME = '16:00';

export interface RecapSchedule {
  weekday: number | null;
  time: string | null;
  timezone: string;
}

/** The most recent weekly recap slot at or before `now`, and its local day (the week's identity). */
export function lastRecapSlot(s: RecapSchedule, now: Date): { at: Date; day: string } {
  const weekday = s.weekday ?? DEFAULT_RECAP_WEEKDAY;
  const time = s.time ?? DEFAULT_RECAP_TIME;
  const today = localDay(now, s.timezone);
  const todayWeekday = weekdayOf(today);
  let day = addDays(today, -((todayWeekday - weekday + 7) % 7));
  let at = zonedInstant(day, time, s.timezone);
  if (at.getTime() > now.getTime()) {
    day = addDays(day, -7);
    at = zonedInstant(day, time, s.timezone);
  }
  return { at, day };
}

/** Due when this week's slot has passed and the last recap came before it. */
export function isRecapDue(s: RecapSchedule, lastRecapAt: string | null, now: Date): boolean {
  const slot = lastRecapSlot(s, now).at.getTime();
  return lastRecapAt === null || Date.parse(lastRecapAt) < slot;
}

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

/** "fri", "Friday" → 5; null for anything else. */
export function parseWeekday(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (t.length < 3) return null;
  const i = WEEKDAYS.findIndex((d) => d.startsWith(t));
  return i >= 0 ? i : null;
}

export function weekdayName(n: number): string {
  const name = WEEKDAYS[n] ?? 'friday';
  return name.charAt(0).toUpperCase() + name.slice(1);
}
