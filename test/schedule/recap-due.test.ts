import { describe, expect, it } from 'vitest';
import { isRecapDue, lastRecapSlot, parseWeekday } from '../../src/schedule/recap-due.js';

const BERLIN = { weekday: 5, time: '16:00', timezone: 'Europe/Berlin' };

describe('weekly recap slots', () => {
  it('the last slot is this Friday 16:00 Berlin once it has passed, else last Friday', () => {
    // 2026-03-13 is a Friday; Berlin is UTC+1 in March before the switch.
    expect(lastRecapSlot(BERLIN, new Date('2026-03-13T15:00:00Z'))).toEqual({ at: new Date('2026-03-13T15:00:00Z'), day: '2026-03-13' });
    expect(lastRecapSlot(BERLIN, new Date('2026-03-13T14:59:00Z'))).toEqual({ at: new Date('2026-03-06T15:00:00Z'), day: '2026-03-06' });
    expect(lastRecapSlot(BERLIN, new Date('2026-03-17T09:00:00Z')).day).toBe('2026-03-13');
  });

  it('defaults to Friday 16:00', () => {
    expect(lastRecapSlot({ weekday: null, time: null, timezone: 'UTC' }, new Date('2026-03-15T00:00:00Z')).at.toISOString()).toBe('2026-03-13T16:00:00.000Z');
  });

  it('is due once per slot', () => {
    const now = new Date('2026-03-13T15:01:00Z');
    expect(isRecapDue(BERLIN, '2026-03-06T15:00:30Z', now)).toBe(true);
    expect(isRecapDue(BERLIN, '2026-03-13T15:00:30Z', now)).toBe(false);
    expect(isRecapDue(BERLIN, '2026-03-13T15:00:30Z', new Date('2026-03-20T14:00:00Z'))).toBe(false);
    expect(isRecapDue(BERLIN, '2026-03-13T15:00:30Z', new Date('2026-03-20T15:00:00Z'))).toBe(true);
  });

  it('weekday names', () => {
    expect(parseWeekday('fri')).toBe(5);
    expect(parseWeekday('Monday')).toBe(1);
    expect(parseWeekday('su')).toBeNull();
    expect(parseWeekday('funday')).toBeNull();
  });
});
