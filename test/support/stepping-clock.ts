import type { Clock } from '../../src/clock.js';

/**
 * Time that moves 1.2 s whenever anyone reads it, and jumps to the next
 * morning when the test says so. Slack's per-channel pace (one post per 1.1 s
 * of this clock) then costs no real second per post, and signatures made from
 * it stay within Slack's five minutes of the receiver's reading.
 */
export function steppingClock(start: string): Clock & { jumpTo(iso: string): void } {
  let t = Date.parse(start);
  return {
    now: () => {
      t += 1200;
      return new Date(t);
    },
    jumpTo: (iso) => {
      t = Math.max(t, Date.parse(iso));
    },
  };
}
