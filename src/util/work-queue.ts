import { Limiter } from './limit.js';

/** Thrown by a full queue: the work was not started. */
export class BusyError extends Error {
  override readonly name = 'BusyError';
}

/**
 * A Limiter whose line is bounded: at most `concurrency` jobs at once and at
 * most `maxWaiting` more in line; past that, `run` refuses at once. CPU-heavy
 * commands go through one, so a burst of them queues instead of piling onto
 * the event loop together, and the line itself cannot grow without bound.
 */
export class WorkQueue {
  private readonly limiter: Limiter;

  constructor(
    concurrency: number,
    private readonly maxWaiting: number,
  ) {
    this.limiter = new Limiter(concurrency);
  }

  get pending(): number {
    return this.limiter.active + this.limiter.queued;
  }

  async run<T>(job: () => Promise<T>): Promise<T> {
    // Only a job that would have to wait is refused; one that starts at once never is.
    if (this.limiter.free === 0 && this.limiter.queued >= this.maxWaiting) throw new BusyError(`${this.limiter.queued} jobs already waiting`);
    return this.limiter.run(job);
  }
}
