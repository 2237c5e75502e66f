import { realSleep, type Sleep } from './http.js';

/** Serializes calls and spaces their starts at least `minIntervalMs` apart. */
export interface Throttle {
  run<T>(minIntervalMs: number, fn: () => Promise<T>): Promise<T>;
}

export function createThrottle(deps: { now?: () => number; sleep?: Sleep } = {}): Throttle {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? realSleep;
  let lastStart = Number.NEGATIVE_INFINITY;
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(minIntervalMs: number, fn: () => Promise<T>): Promise<T> {
      const turn = tail.then(async () => {
        const wait = lastStart + minIntervalMs - now();
        if (wait > 0) await sleep(wait);
        lastStart = now();
        return fn();
      });
      // The next caller waits for this one to finish, whether it failed or not: one connection at a time.
      tail = turn.catch(() => undefined);
      return turn;
    },
  };
}

/**
 * arXiv's terms allow one request every 3 seconds, one connection at a time,
 * per client, not per source object: every arXiv source of the process that
 * runs on the real clock shares this one.
 */
export const processArxivThrottle: Throttle = createThrottle();
