import type { SourceName } from '../papers/paper.js';
import { localDay, weekdayOf, zonedInstant } from '../schedule/zoned.js';
import type { SourceState } from '../store/types.js';
import { addDays } from '../util/days.js';
import { daysToFetch, type OwedDays } from './collect.js';

/** When a source's stored papers go out of date, and what a fetch then asks for. */
export interface Cadence {
  /** The first moment a fetch that succeeded (started) at `at` is out of date. */
  staleAfter(at: Date): Date;
  days: OwedDays;
  /** The longest wait between two attempts at a failing source. */
  maxRetryMs: number;
}

export const DEFAULT_FETCH_INTERVAL_MS = 30 * 60_000;
/** The wait after a first failure; it doubles with each failure in a row, up to the cadence's maximum. */
export const FIRST_RETRY_MS = 5 * 60_000;

/**
 * Hugging Face: every `intervalMs`, today and yesterday each time, since HF
 * keeps adding papers to a day's list after the day (plus any day still owed
 * after an outage).
 */
export function intervalCadence(intervalMs: number): Cadence {
  return {
    staleAfter: (at) => new Date(at.getTime() + intervalMs),
    days: (last, today, maxDays) => {
      const yesterday = addDays(today, -1);
      return daysToFetch(last !== null && last < yesterday ? last : yesterday, today, maxDays);
    },
    maxRetryMs: intervalMs,
  };
}

const ARXIV_ZONE = 'America/New_York';
const ARXIV_ANNOUNCES_AT = '20:00';
/** Sunday to Thursday evenings; none on Friday and Saturday. */
const ARXIV_ANNOUNCE_WEEKDAYS: ReadonlySet<number> = new Set([0, 1, 2, 3, 4]);

/** The first arXiv announcement (20:00 US Eastern, Sunday to Thursday) strictly after `at`. */
export function nextArxivAnnouncement(at: Date): Date {
  const today = localDay(at, ARXIV_ZONE);
  // Within the next three days there is always one: the longest gap is Thursday evening to Sunday evening.
  for (let i = 0; i <= 3; i += 1) {
    const day = addDays(today, i);
    if (!ARXIV_ANNOUNCE_WEEKDAYS.has(weekdayOf(day))) continue;
    const announced = zonedInstant(day, ARXIV_ANNOUNCES_AT, ARXIV_ZONE);
    if (announced.getTime() > at.getTime()) return announced;
  }
  throw new Error(`no arXiv announcement within three days of ${at.toISOString()}`);
}

/**
 * How far before today an arXiv fetch reaches, whatever it fetched last time. The API lists a paper by the
 * day it was submitted, but only once it is announced, and what is submitted after the 14:00 US Eastern
 * deadline waits for the next announcement: a paper sent in late on Friday appears on Monday evening
 * (Tuesday UTC), under Friday. Four days back covers that weekend; the catch-up covers longer outages.
 */
export const ARXIV_LOOKBACK_DAYS = 4;

/**
 * arXiv: once after each announcement, since its listings change only then;
 * the days are the existing catch-up (the last day fetched again, through today),
 * reaching back at least ARXIV_LOOKBACK_DAYS.
 */
export const arxivCadence: Cadence = {
  staleAfter: nextArxivAnnouncement,
  days: (last, today, maxDays) => {
    const lookback = addDays(today, -ARXIV_LOOKBACK_DAYS);
    return daysToFetch(last === null || last > lookback ? lookback : last, today, maxDays);
  },
  maxRetryMs: 60 * 60_000,
};

export function cadenceOf(source: SourceName, fetchIntervalMs: number): Cadence {
  return source === 'arxiv' ? arxivCadence : intervalCadence(fetchIntervalMs);
}

/** The wait before the next attempt after `failures` failed ones in a row. */
export function retryDelayMs(failures: number, cadence: Cadence): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1), cadence.maxRetryMs);
}

/**
 * Whether a source is to be fetched now, decided from its stored state alone,
 * so that every worker sharing the database decides alike: a failing source
 * when its retry wait is over, any other when its last success is out of date.
 */
export function fetchDue(state: SourceState, cadence: Cadence, now: Date): boolean {
  if (state.failures > 0 && state.lastAttemptAt !== null) {
    return now.getTime() >= Date.parse(state.lastAttemptAt) + retryDelayMs(state.failures, cadence);
  }
  if (state.lastSuccessAt === null) return true;
  return now.getTime() >= cadence.staleAfter(new Date(state.lastSuccessAt)).getTime();
}
