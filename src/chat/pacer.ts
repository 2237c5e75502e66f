import { sleep as realSleep } from '../util/limit.js';

/**
 * Platforms allow about one message per second per channel (Slack). Posts to
 * one channel run one at a time, and the next starts at least `intervalMs`
 * after the previous one finished (not started: a slow request must not let
 * two land closer than the limit); a Retry-After holds the channel off for
 * longer. Different channels never wait for each other.
 */
export class ChannelPacer {
  private readonly nextAt = new Map<string, number>();
  private readonly tails = new Map<string, Promise<void>>();

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = realSleep,
  ) {}

  async run<T>(channel: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(channel) ?? Promise.resolve();
    let release = (): void => undefined;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => mine);
    this.tails.set(channel, tail);
    await previous;
    try {
      // A timer may fire early by the current loop turn's length (Node counts from the loop's cached time):
      // under load that is tens of ms, enough for a 429. The clock, not the timer, says when the wait is over
      // (while it moves: a test's clock that stands still is waited on once).
      for (let wait = this.waitFor(channel), before = Number.POSITIVE_INFINITY; wait > 0 && wait < before; before = wait, wait = this.waitFor(channel)) {
        await this.sleep(wait);
      }
      return await fn();
    } finally {
      this.holdOff(channel, this.intervalMs);
      release();
      if (this.tails.get(channel) === tail) this.tails.delete(channel);
    }
  }

  private waitFor(channel: string): number {
    return (this.nextAt.get(channel) ?? 0) - this.now();
  }

  /** No post to `channel` before `ms` from now (a 429's Retry-After). */
  holdOff(channel: string, ms: number): void {
    this.nextAt.set(channel, Math.max(this.nextAt.get(channel) ?? 0, this.now() + ms));
  }
}
