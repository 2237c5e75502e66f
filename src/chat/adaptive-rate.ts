import { sleep as realSleep } from '../util/limit.js';

/** A rate is never cut below this: one post a second still gets a digest out. */
const MIN_RATE = 1;
/** Above this a learnt rate no longer limits anything and is dropped. */
const UNLIMITED_FROM = 1000;
/** Fewer posts accepted in the second before a 429 than this: the limit was the channel's, not the key's. */
const MIN_EVIDENCE = 2;

interface KeyState {
  /** Posts per second; Infinity until the platform first refuses. */
  rate: number;
  nextSlot: number;
  /** Times of accepted posts in the last second. */
  accepted: number[];
  lastCut: number;
  lastGrowth: number;
}

/**
 * A send rate per key (a Slack workspace) learnt from the platform's 429s
 * rather than configured: unlimited until the platform says no while several
 * posts are going through, then just under the rate it was accepting, creeping
 * up by `growthPerSecond` until it says no again. Slack keeps an undocumented
 * workspace-wide limit on chat.postMessage; this finds it.
 */
export class AdaptiveRate {
  private readonly keys = new Map<string, KeyState>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = realSleep,
    private readonly growthPerSecond = 0.05,
  ) {}

  /** Wait for this key's next free slot, and take it. */
  async acquire(key: string): Promise<void> {
    const s = this.state(key);
    this.grow(s);
    if (s.rate === Number.POSITIVE_INFINITY) return;
    const now = this.now();
    const slot = Math.max(now, s.nextSlot);
    s.nextSlot = slot + 1000 / s.rate;
    if (slot > now) await this.sleep(slot - now);
  }

  accepted(key: string): void {
    const s = this.state(key);
    const now = this.now();
    s.accepted.push(now);
    while (s.accepted.length && (s.accepted[0] ?? 0) <= now - 1000) s.accepted.shift();
  }

  /**
   * The platform refused with a rate limit: settle just below what it was
   * taking. The refused post itself waits its Retry-After (its channel is held
   * off); the key's other posts go on at the lower rate rather than all stopping,
   * which would cost a whole second of posts each time the rate probes upwards.
   */
  limited(key: string, retryAfterMs: number): void {
    const s = this.state(key);
    const now = this.now();
    const recent = s.accepted.filter((t) => t > now - 1000).length;
    // Requests already in flight when the limit hit answer 429 too: one cut per Retry-After.
    if (recent < MIN_EVIDENCE || now < s.lastCut + Math.max(1000, retryAfterMs)) return;
    s.rate = Math.max(MIN_RATE, Math.min(s.rate, recent) * 0.9);
    s.lastCut = now;
    s.lastGrowth = now;
  }

  /** Current posts-per-second of a key (Infinity: not limited). */
  rateOf(key: string): number {
    return this.keys.get(key)?.rate ?? Number.POSITIVE_INFINITY;
  }

  private grow(s: KeyState): void {
    if (s.rate === Number.POSITIVE_INFINITY) return;
    const now = this.now();
    const seconds = (now - s.lastGrowth) / 1000;
    if (seconds <= 0) return;
    s.rate *= 1 + this.growthPerSecond * seconds;
    s.lastGrowth = now;
    if (s.rate >= UNLIMITED_FROM) s.rate = Number.POSITIVE_INFINITY;
  }

  private state(key: string): KeyState {
    let s = this.keys.get(key);
    if (!s) {
      s = { rate: Number.POSITIVE_INFINITY, nextSlot: 0, accepted: [], lastCut: Number.NEGATIVE_INFINITY, lastGrowth: 0 };
      this.keys.set(key, s);
    }
    return s;
  }
}
