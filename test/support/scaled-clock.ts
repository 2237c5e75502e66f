import type { Clock } from '../../src/clock.js';

/**
 * Time that runs `scale` times faster than the wall clock from `epochMs`, for
 * tests where several processes must agree on minutes that pass in seconds:
 * every process given the same epoch and scale sees the same time.
 */
export function scaledClock(epochMs: number, scale: number): Clock & { nowMs: () => number; sleep: (ms: number) => Promise<void> } {
  const nowMs = () => epochMs + (Date.now() - epochMs) * scale;
  return {
    nowMs,
    now: () => new Date(nowMs()),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms / scale))),
  };
}
