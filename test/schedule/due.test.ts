import { describe, expect, it } from 'vitest';
import { isDue, lastScheduledAt } from '../../src/schedule/due.js';
import { zonedInstant, localDay } from '../../src/schedule/zoned.js';
import type { Channel } from '../../src/store/types.js';

const defaults = { time: '08:00', timezone: 'UTC' };

function channel(over: Partial<Channel> = {}): Channel {
  return {
    id: 1,
    platform: 'console',
    workspaceId: 'w',
    channelId: 'c',
    scheduleTime: null,
    timezone: null,
    paused: false,
    pausedReason: null,
    lastDigestAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...over,
  };
}

describe('zoned time', () => {
  it('finds the UTC instant of a Berlin wall-clock time in winter and summer', () => {
    expect(zonedInstant('2026-01-15', '09:30', 'Europe/Berlin').toISOString()).toBe('2026-01-15T08:30:00.000Z');
    expect(zonedInstant('2026-07-15', '09:30', 'Europe/Berlin').toISOString()).toBe('2026-07-15T07:30:00.000Z');
  });

  it('handles zones west of UTC and half-hour zones', () => {
    expect(zonedInstant('2026-03-02', '08:00', 'America/New_York').toISOString()).toBe('2026-03-02T13:00:00.000Z');
    expect(zonedInstant('2026-03-02', '08:00', 'Asia/Kolkata').toISOString()).toBe('2026-03-02T02:30:00.000Z');
  });

  it('gives the local day, which differs from the UTC day near midnight', () => {
    expect(localDay(new Date('2026-03-02T23:30:00Z'), 'Asia/Tokyo')).toBe('2026-03-03');
    expect(localDay(new Date('2026-03-02T02:00:00Z'), 'America/Los_Angeles')).toBe('2026-03-01');
  });
});

describe('isDue', () => {
  it('is due once the default time has passed since the last digest', () => {
    const c = channel({ lastDigestAt: '2026-03-01T08:00:05.000Z' });
    expect(isDue(c, new Date('2026-03-02T07:59:00Z'), defaults)).toBe(false);
    expect(isDue(c, new Date('2026-03-02T08:00:00Z'), defaults)).toBe(true);
    expect(isDue({ ...c, lastDigestAt: '2026-03-02T08:00:01.000Z' }, new Date('2026-03-02T09:00:00Z'), defaults)).toBe(false);
  });

  it("follows the channel's own time and timezone", () => {
    const c = channel({ scheduleTime: '09:30', timezone: 'Europe/Berlin', lastDigestAt: '2026-03-01T09:00:00.000Z' });
    expect(isDue(c, new Date('2026-03-02T08:29:00Z'), defaults)).toBe(false);
    expect(isDue(c, new Date('2026-03-02T08:30:00Z'), defaults)).toBe(true);
  });

  it('runs a digest missed while the process was down, once', () => {
    const c = channel({ lastDigestAt: '2026-02-25T08:00:00.000Z' });
    const startUp = new Date('2026-03-02T15:00:00Z');
    expect(isDue(c, startUp, defaults)).toBe(true);
    expect(isDue({ ...c, lastDigestAt: startUp.toISOString() }, new Date('2026-03-02T15:01:00Z'), defaults)).toBe(false);
  });

  it('does not digest a channel created after today’s slot until tomorrow, nor a paused one', () => {
    const fresh = channel({ createdAt: '2026-03-02T10:00:00.000Z' });
    expect(isDue(fresh, new Date('2026-03-02T12:00:00Z'), defaults)).toBe(false);
    expect(isDue(fresh, new Date('2026-03-03T08:00:00Z'), defaults)).toBe(true);
    expect(isDue(channel({ paused: true }), new Date('2026-03-03T08:00:00Z'), defaults)).toBe(false);
  });

  it('takes yesterday’s slot before today’s time', () => {
    expect(lastScheduledAt(channel(), new Date('2026-03-02T07:00:00Z'), defaults).toISOString()).toBe('2026-03-01T08:00:00.000Z');
  });
});
