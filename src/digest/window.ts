import { DAY_MS } from '../util/days.js';

export const MAX_WINDOW_MS = 7 * DAY_MS;
export const NEW_CHANNEL_WINDOW_MS = DAY_MS;

/**
 * The papers a channel's digest covers: first seen since its previous digest
 * (the last 24 hours for a new channel), never older than 7 days, so a new
 * subscription does not replay last week.
 */
export function digestWindow(lastDigestAt: string | null, now: Date): { from: string; to: string } {
  const floor = now.getTime() - MAX_WINDOW_MS;
  const start = lastDigestAt ? Date.parse(lastDigestAt) : now.getTime() - NEW_CHANNEL_WINDOW_MS;
  // Windows are half-open [from, to): ending 1 ms after now includes a paper stored this very millisecond.
  return { from: new Date(Math.max(floor, start)).toISOString(), to: new Date(now.getTime() + 1).toISOString() };
}

/** Bounds of one UTC day, for `paperboy digest --date`. */
export function dayBounds(day: string): { from: string; to: string } {
  const start = Date.parse(`${day}T00:00:00.000Z`);
  return { from: new Date(start).toISOString(), to: new Date(start + DAY_MS).toISOString() };
}
