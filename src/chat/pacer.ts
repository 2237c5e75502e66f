/**
 * Spaces sends per key (a channel) at least `intervalMs` apart, so a port
 * stays under a platform's per-channel pace instead of collecting 429s.
 * Keys are independent: many channels proceed concurrently.
 */
export class Pacer {
  private readonly next = new Map<string, number>();

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Resolves when a send on `key` may start; reserves that slot. */
  async wait(key: string): Promise<void> {
    const now = this.now();
    const at = Math.max(now, this.next.get(key) ?? 0);
    this.next.set(key, at + this.intervalMs);
    if (at > now) await this.sleep(at - now);
  }

  /** Push the next slot back after the platform asked to wait (Retry-After). */
  backOff(key: string, ms: number): void {
    this.next.set(key, Math.max(this.next.get(key) ?? 0, this.now() + ms));
  }
}
