import { describe, expect, it } from 'vitest';
import { Pacer } from '../src/chat/pacer.js';

describe('Pacer', () => {
  it('spaces sends on one key and leaves other keys free', async () => {
    let t = 0;
    const waits: number[] = [];
    const pacer = new Pacer(1000, () => t, async (ms) => {
      waits.push(ms);
      t += ms;
    });
    await pacer.wait('a');
    await pacer.wait('a');
    await pacer.wait('b');
    await pacer.wait('a');
    expect(waits).toEqual([1000, 1000]);
  });

  it('honours a back-off from the platform', async () => {
    let t = 0;
    const waits: number[] = [];
    const pacer = new Pacer(100, () => t, async (ms) => {
      waits.push(ms);
    });
    pacer.backOff('a', 3000);
    await pacer.wait('a');
    expect(waits).toEqual([3000]);
  });
});
