/** Retry delays after failed attempts: 1, 2, 4, 8, 16, then every 30 minutes. */
const FIRST_MS = 60_000;
const MAX_MS = 30 * 60_000;

/** The wait before attempt `failures + 1`, after `failures` (≥ 1) failed attempts. */
export function retryDelayMs(failures: number): number {
  return Math.min(MAX_MS, FIRST_MS * 2 ** Math.max(0, failures - 1));
}
