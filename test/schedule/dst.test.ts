import { describe, expect, it } from 'vitest';
import { isDue } from '../../src/schedule/due.js';
import { zonedInstant } from '../../src/schedule/zoned.js';
import type { Channel } from '../../src/store/types.js';

/*
 * Daylight-saving transitions of 2026, from the zones' rules:
 * - Europe/Berlin: spring 29 Mar, 02:00 CET (+1) → 03:00 CEST (+2) at 01:00 UTC;
 *   autumn 25 Oct, 03:00 CEST → 02:00 CET at 01:00 UTC, so 02:00–02:59 happens twice.
 * - America/New_York: spring 8 Mar, 02:00 EST (−5) → 03:00 EDT (−4) at 07:00 UTC;
 *   autumn 1 Nov, 02:00 EDT → 01:00 EST at 06:00 UTC, so 01:00–01:59 happens twice.
 * - Australia/Sydney (southern hemisphere, so autumn comes first): 5 Apr, 03:00 AEDT (+11) → 02:00 AEST (+10)
 *   at 16:00 UTC on 4 Apr, so 02:00–02:59 happens twice; spring 4 Oct, 02:00 AEST → 03:00 AEDT at 16:00 UTC on 3 Oct.
 * A time in the gap runs at the first minute after it (the transition instant); a time in the overlap runs at its first occurrence.
 */
const GAPS = [
  { zone: 'Europe/Berlin', day: '2026-03-29', time: '02:30', runs: '2026-03-29T01:00:00.000Z' },
  { zone: 'America/New_York', day: '2026-03-08', time: '02:30', runs: '2026-03-08T07:00:00.000Z' },
  { zone: 'Australia/Sydney', day: '2026-10-04', time: '02:30', runs: '2026-10-03T16:00:00.000Z' },
] as const;

const OVERLAPS = [
  { zone: 'Europe/Berlin', day: '2026-10-25', time: '02:30', first: '2026-10-25T00:30:00.000Z', second: '2026-10-25T01:30:00.000Z' },
  { zone: 'America/New_York', day: '2026-11-01', time: '01:30', first: '2026-11-01T05:30:00.000Z', second: '2026-11-01T06:30:00.000Z' },
  { zone: 'Australia/Sydney', day: '2026-04-05', time: '02:30', first: '2026-04-04T15:30:00.000Z', second: '2026-04-04T16:30:00.000Z' },
] as const;

/** The instants at which a channel scheduled at `time` in `zone` is digested, ticking every minute from `from` for `hours`. */
function runsBetween(zone: string, time: string, from: string, hours: number): string[] {
  let channel: Channel = {
    id: 1,
    platform: 'console',
    workspaceId: 'w',
    channelId: 'c',
    scheduleTime: time,
    timezone: zone,
    paused: false,
    pausedReason: null,
    lastDigestAt: from,
    createdAt: '2026-01-01T00:00:00.000Z',
  };
  const runs: string[] = [];
  for (let t = Date.parse(from); t < Date.parse(from) + hours * 3_600_000; t += 60_000) {
    const now = new Date(t);
    if (isDue(channel, now, { time: '08:00', timezone: 'UTC' })) {
      runs.push(now.toISOString());
      channel = { ...channel, lastDigestAt: now.toISOString() };
    }
  }
  return runs;
}

const hoursBefore = (iso: string, h: number) => new Date(Date.parse(iso) - h * 3_600_000).toISOString();

describe('daylight saving time', () => {
  it.each(GAPS)('$zone $day $time falls in the spring gap: it runs at the first minute after the gap', ({ zone, day, time, runs }) => {
    expect(zonedInstant(day, time, zone).toISOString()).toBe(runs);
  });

  it.each(OVERLAPS)('$zone $day $time happens twice: the first occurrence counts', ({ zone, day, time, first }) => {
    expect(zonedInstant(day, time, zone).toISOString()).toBe(first);
  });

  it.each(GAPS)('a channel at $time in $zone is digested once on $day, right after the gap', ({ zone, time, runs }) => {
    expect(runsBetween(zone, time, hoursBefore(runs, 6), 12)).toEqual([runs]);
  });

  it.each(OVERLAPS)('a channel at $time in $zone is digested once on $day, in the first occurrence, not again an hour later', ({ zone, time, first }) => {
    expect(runsBetween(zone, time, hoursBefore(first, 6), 12)).toEqual([first]);
  });

  it('times next to a transition are unaffected', () => {
    expect(zonedInstant('2026-03-29', '01:59', 'Europe/Berlin').toISOString()).toBe('2026-03-29T00:59:00.000Z');
    expect(zonedInstant('2026-03-29', '03:00', 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(zonedInstant('2026-10-25', '03:00', 'Europe/Berlin').toISOString()).toBe('2026-10-25T02:00:00.000Z');
    expect(zonedInstant('2026-10-25', '01:59', 'Europe/Berlin').toISOString()).toBe('2026-10-24T23:59:00.000Z');
    expect(zonedInstant('2026-03-08', '03:15', 'America/New_York').toISOString()).toBe('2026-03-08T07:15:00.000Z');
  });
});
