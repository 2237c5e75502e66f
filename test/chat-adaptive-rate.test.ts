import { describe, expect, it } from 'vitest';
import { AdaptiveRate } from '../src/chat/adaptive-rate.js';

function fakeTime() {
  let t = 0;
  return {
    now: () => t,
    sleep: async (ms: number) => {
      t += ms;
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
}

describe('AdaptiveRate (a workspace-wide limit found through 429s, issue #10 point 4)', () => {
  it('is unlimited until the platform refuses while several posts are going through', async () => {
    const time = fakeTime();
    const rate = new AdaptiveRate(time.now, time.sleep);
    for (let i = 0; i < 100; i++) {
      await rate.acquire('T1');
      rate.accepted('T1');
    }
    expect(time.now()).toBe(0);
    // A 429 with nothing else accepted that second is the channel's limit, not the workspace's.
    const quiet = new AdaptiveRate(time.now, time.sleep);
    quiet.limited('T1', 1000);
    expect(quiet.rateOf('T1')).toBe(Number.POSITIVE_INFINITY);
  });

  it('after a 429 settles just under what was accepted, then creeps up until the next one', async () => {
    const time = fakeTime();
    const rate = new AdaptiveRate(time.now, time.sleep);
    for (let i = 0; i < 20; i++) rate.accepted('T1');
    rate.limited('T1', 1000);
    expect(rate.rateOf('T1')).toBeCloseTo(18);
    // In-flight posts answered 429 too: no second cut within the Retry-After.
    rate.limited('T1', 1000);
    expect(rate.rateOf('T1')).toBeCloseTo(18);
    const start = time.now();
    for (let i = 0; i < 18; i++) await rate.acquire('T1');
    expect(time.now() - start).toBeGreaterThanOrEqual(900);
    expect(rate.rateOf('T1')).toBeGreaterThan(18);
    // Other workspaces are not slowed.
    await rate.acquire('T2');
    expect(rate.rateOf('T2')).toBe(Number.POSITIVE_INFINITY);
  });
});
