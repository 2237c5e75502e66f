import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../src/sources/retry-after.js';

const NOW = Date.parse('2026-03-09T10:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120_000],
    ['0', 0],
    ['1.5', 1500],
    [' 3 ', 3000],
    ['Mon, 09 Mar 2026 10:00:30 GMT', 30_000],
    // A date already past means "now", not a negative wait.
    ['Mon, 09 Mar 2026 09:59:00 GMT', 0],
  ])('%s → %d ms', (header, ms) => {
    expect(parseRetryAfter(header, NOW)).toBe(ms);
  });

  it.each([[null], [''], ['soon'], ['-5']])('%s → null (own backoff)', (header) => {
    expect(parseRetryAfter(header, NOW)).toBeNull();
  });
});
