import { describe, expect, it } from 'vitest';
import { ChannelPacer } from '../src/chat/pacer.js';

function fakeTime() {
  let t = 0;
  const waits: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      waits.push(ms);
      t += ms;
    },
    waits,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

describe('ChannelPacer', () => {
  it('spaces posts on one channel from the end of the previous one, and leaves other channels free', async () => {
    const time = fakeTime();
    const pacer = new ChannelPacer(1000, time.now, time.sleep);
    await pacer.run('a', async () => time.advance(200)); // a slow post: 200 ms
    await pacer.run('a', async () => undefined);
    await pacer.run('b', async () => undefined);
    expect(time.waits).toEqual([1000]);
  });

  it('a timer that fires early (Node counts from the loop turn’s start) is waited out again: no post before the interval', async () => {
    const time = fakeTime();
    const early = async (ms: number) => {
      time.waits.push(ms);
      time.advance(ms > 40 ? ms - 40 : ms);
    };
    const pacer = new ChannelPacer(1000, time.now, early);
    const at: number[] = [];
    await pacer.run('a', async () => at.push(time.now()));
    await pacer.run('a', async () => at.push(time.now()));
    expect(time.waits).toEqual([1000, 40]);
    expect(at).toEqual([0, 1000]);
    // A clock that stands still (a test's fixed clock) is waited on once, as before.
    const still = fakeTime();
    const fixed = new ChannelPacer(1000, still.now, async (ms) => {
      still.waits.push(ms);
    });
    await fixed.run('a', async () => undefined);
    await fixed.run('a', async () => undefined);
    expect(still.waits).toEqual([1000]);
  });

  it('runs posts to one channel one at a time even when started together', async () => {
    const time = fakeTime();
    const pacer = new ChannelPacer(1000, time.now, time.sleep);
    const order: string[] = [];
    await Promise.all(
      ['1', '2', '3'].map((n) =>
        pacer.run('a', async () => {
          order.push(`start${n}`);
          await Promise.resolve();
          order.push(`end${n}`);
        }),
      ),
    );
    expect(order).toEqual(['start1', 'end1', 'start2', 'end2', 'start3', 'end3']);
    expect(time.waits).toEqual([1000, 1000]);
  });

  it('holds a channel off for a Retry-After', async () => {
    const time = fakeTime();
    const pacer = new ChannelPacer(100, time.now, time.sleep);
    pacer.holdOff('a', 3000);
    await pacer.run('a', async () => undefined);
    expect(time.waits).toEqual([3000]);
  });
});
