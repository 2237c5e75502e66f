/** Thrown by a full queue: the work was not started. */
export class BusyError extends Error {
  override readonly name = 'BusyError';
}

/**
 * Runs at most `concurrency` jobs at once and keeps at most `maxWaiting`
 * more in line; past that, `run` refuses at once. CPU-heavy commands go
 * through one, so a burst of them queues instead of piling onto the event
 * loop together, and the line itself cannot grow without bound.
 */
export class WorkQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly maxWaiting: number,
  ) {}

  get pending(): number {
    return this.running + this.waiting.length;
  }

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) throw new BusyError(`${this.waiting.length} jobs already waiting`);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await job();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next job; only an empty line frees it.
      if (next) next();
      else this.running -= 1;
    }
  }
}
