import { describe, expect, it } from 'vitest';
import { arxivCadence, fetchDue, intervalCadence, nextArxivAnnouncement, retryDelayMs } from '../../src/sources/cadence.js';
import { blankSourceState } from '../../src/store/rows/source-state.js';
import type { SourceState } from '../../src/store/types.js';

const MIN = 60_000;
const hf = intervalCadence(30 * MIN);
const state = (over: Partial<SourceState>): SourceState => ({ ...blankSourceState('hf'), ...over });

describe('arXiv announcements', () => {
  // 20:00 US Eastern is 01:00 UTC the next day in winter (EST) and 00:00 UTC in summer (EDT, from 8 March 2026).
  it.each([
    ['Monday afternoon → Monday evening', '2026-03-02T18:00:00Z', '2026-03-03T01:00:00.000Z'],
    ['exactly at one → the next evening', '2026-03-03T01:00:00Z', '2026-03-04T01:00:00.000Z'],
    ['Thursday evening → Sunday evening: none on Friday and Saturday', '2026-03-06T01:00:00Z', '2026-03-09T00:00:00.000Z'],
    ['Friday → Sunday, the clocks having changed on that Sunday', '2026-03-06T15:00:00Z', '2026-03-09T00:00:00.000Z'],
    ['Saturday evening → Sunday evening', '2026-03-08T01:30:00Z', '2026-03-09T00:00:00.000Z'],
    ['Sunday afternoon → Sunday evening', '2026-03-08T20:00:00Z', '2026-03-09T00:00:00.000Z'],
    ['Wednesday in November, after the clocks went back', '2026-11-04T12:00:00Z', '2026-11-05T01:00:00.000Z'],
  ])('%s', (_name, at, next) => {
    expect(nextArxivAnnouncement(new Date(at)).toISOString()).toBe(next);
  });
});

describe('days a fetch asks for', () => {
  it.each([
    [null, ['2026-03-11', '2026-03-12']],
    ['2026-03-12', ['2026-03-11', '2026-03-12']], // HF adds late papers to yesterday: always today and yesterday
    ['2026-03-09', ['2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12']], // after an outage, the catch-up
  ] as const)('Hugging Face, last day %s → %j', (last, days) => {
    expect(hf.days(last, '2026-03-12', 7)).toEqual(days);
  });

  it('arXiv: the existing catch-up, the last day fetched again through today', () => {
    expect(arxivCadence.days('2026-03-05', '2026-03-09', 7)).toEqual(['2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09']);
    expect(arxivCadence.days('2026-02-20', '2026-03-09', 7)).toEqual([
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
      '2026-03-09',
    ]);
  });

  // arXiv lists a paper by the day it was submitted, but only once it is announced: what comes in after the
  // 14:00 US Eastern deadline waits for the next evening's announcement, after a weekend three days later.
  it.each([
    // Tuesday evening's announcement (Wed 00:00 UTC) holds Monday's late submissions: the day before the last one fetched.
    ['2026-03-10', '2026-03-11', '2026-03-09'],
    // Monday evening's (Tue 00:00 UTC) holds what came after Friday's deadline.
    ['2026-03-16', '2026-03-17', '2026-03-13'],
    // Sunday evening's (Mon 00:00 UTC) holds Thursday's late submissions.
    ['2026-03-13', '2026-03-16', '2026-03-12'],
  ] as const)('arXiv: last day fetched %s, fetching on %s, still asks for %s', (last, today, owed) => {
    const days = arxivCadence.days(last, today, 7);
    expect(days).toContain(owed);
    expect(days.at(-1)).toBe(today);
    expect(days.length).toBeLessThanOrEqual(7);
  });
});

describe('fetchDue', () => {
  const now = new Date('2026-03-10T12:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();

  it('a source never fetched is due', () => {
    expect(fetchDue(state({}), hf, now)).toBe(true);
    expect(fetchDue(state({}), arxivCadence, now)).toBe(true);
  });

  it('Hugging Face: due once its last success is an interval old', () => {
    expect(fetchDue(state({ lastSuccessAt: ago(29 * MIN), lastAttemptAt: ago(29 * MIN) }), hf, now)).toBe(false);
    expect(fetchDue(state({ lastSuccessAt: ago(30 * MIN), lastAttemptAt: ago(30 * MIN) }), hf, now)).toBe(true);
  });

  it('arXiv: due only once an announcement has passed since its last success', () => {
    // Tuesday 10 March 12:00 UTC; the last announcement was Monday 20:00 EDT = Tuesday 00:00 UTC.
    expect(fetchDue(state({ lastSuccessAt: '2026-03-10T00:00:00.000Z' }), arxivCadence, now)).toBe(false);
    expect(fetchDue(state({ lastSuccessAt: '2026-03-09T23:59:00.000Z' }), arxivCadence, now)).toBe(true);
    // Friday and Saturday evenings announce nothing: fetched Friday 00:00 UTC, nothing due until Monday 00:00 UTC.
    const fetchedThursdayEvening = state({ lastSuccessAt: '2026-03-13T00:00:00.000Z' });
    expect(fetchDue(fetchedThursdayEvening, arxivCadence, new Date('2026-03-15T23:59:00Z'))).toBe(false);
    expect(fetchDue(fetchedThursdayEvening, arxivCadence, new Date('2026-03-16T00:00:00Z'))).toBe(true);
  });

  it('a failing source is retried after a wait that doubles, up to its cadence’s maximum, however fresh its last success', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, hf) / MIN)).toEqual([5, 10, 20, 30, 30]);
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(n, arxivCadence) / MIN)).toEqual([5, 10, 20, 40, 60, 60]);
    const failing = (failures: number, attemptedAgo: number) =>
      state({ lastSuccessAt: ago(5 * MIN), lastAttemptAt: ago(attemptedAgo), lastErrorAt: ago(attemptedAgo), failures });
    expect(fetchDue(failing(1, 4 * MIN), arxivCadence, now)).toBe(false);
    expect(fetchDue(failing(1, 5 * MIN), arxivCadence, now)).toBe(true);
    expect(fetchDue(failing(3, 19 * MIN), arxivCadence, now)).toBe(false);
    expect(fetchDue(failing(3, 20 * MIN), arxivCadence, now)).toBe(true);
  });

  it('a fetch that started and never finished (a crash) does not hold the source back', () => {
    expect(fetchDue(state({ lastSuccessAt: ago(40 * MIN), lastAttemptAt: ago(1 * MIN) }), hf, now)).toBe(true);
  });
});
