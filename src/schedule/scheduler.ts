import cron from 'node-cron';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { DigestService } from '../digest/types.js';
import type { Stores } from '../store/types.js';
import { isDue, type ScheduleDefaults } from './due.js';

export interface Scheduler {
  /** Digest every channel that is due now; returns how many were. */
  tick(): Promise<number>;
  stop(): void;
}

/**
 * One cron task ticks every minute: it fetches the sources that are due on
 * their own cadence, then digests the channels whose own time (in their own
 * timezone) has come from what is stored. Per-channel schedules then need no
 * task bookkeeping, and a schedule change takes effect at the next minute.
 */
export function startScheduler(deps: {
  stores: Stores;
  digest: DigestService;
  clock: Clock;
  logger: Logger;
  defaults: ScheduleDefaults;
  cronExpression?: string;
  /** The sources' fetch job: each source is fetched on its own cadence, checked every minute before the digests. */
  fetch?: { runDue(): Promise<unknown> };
  /** Weekly recaps, checked on the same minute tick after the digests. */
  recaps?: { runDue(): Promise<number> };
}): Scheduler {
  let running: Promise<number> | null = null;

  async function runDue(): Promise<number> {
    await deps.fetch?.runDue().catch((err: unknown) => deps.logger.error({ err }, 'source fetch failed'));
    const now = deps.clock.now();
    const channels = await deps.stores.channels.list();
    const due = channels.filter((c) => isDue(c, now, deps.defaults));
    if (due.length) {
      deps.logger.info({ channels: due.map((c) => c.id) }, 'scheduled digest');
      await deps.digest.runCycle({ channelIds: due.map((c) => c.id) });
    }
    // Deliveries waiting for a retry (a 5xx, a long Retry-After, a resumed channel) go out once due.
    await deps.digest.deliverPending().catch((err: unknown) => deps.logger.error({ err }, 'retrying pending deliveries failed'));
    // After the digests, so a recap due at the same minute follows that day's papers.
    await deps.recaps?.runDue().catch((err: unknown) => deps.logger.error({ err }, 'weekly recaps failed'));
    return due.length;
  }

  function tick(): Promise<number> {
    if (running) return running;
    running = runDue()
      .catch((err: unknown) => {
        deps.logger.error({ err }, 'scheduled digest failed');
        return 0;
      })
      .finally(() => {
        running = null;
      });
    return running;
  }

  const task = cron.schedule(deps.cronExpression ?? '* * * * *', () => void tick(), { name: 'paperboy-digest', noOverlap: true });
  return {
    tick,
    stop: () => {
      void task.stop();
    },
  };
}
