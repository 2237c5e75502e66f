import cron from 'node-cron';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { DigestService } from '../digest/types.js';
import type { Stores } from '../store/types.js';
import type { Coordination } from '../workers/coordination.js';
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
 * Workers sharing a database each tick: the digests and the recaps run in
 * one of them at a time (`coordination.ifFree`; the others skip them), so each
 * slot runs once; every worker retries the deliveries that are due.
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
  /** Keeps the digests and recaps to one worker at a time; without it this process alone runs them. */
  coordination?: Pick<Coordination, 'ifFree' | 'shared'>;
}): Scheduler {
  // Workers sharing a database post through their delivery pumps: the worker that plans a slot does not post it all.
  const shared = deps.coordination?.shared ?? false;
  const once = async <T>(name: string, task: () => Promise<T>, otherwise: T): Promise<T> => {
    if (!deps.coordination) return task();
    const r = await deps.coordination.ifFree(name, task);
    return r.ran ? r.value : otherwise;
  };
  let running: Promise<number> | null = null;

  async function runDue(): Promise<number> {
    await deps.fetch?.runDue().catch((err: unknown) => deps.logger.error({ err }, 'source fetch failed'));
    const digested = await once(
      'tick:digests',
      async () => {
        // Read under the lock: a worker that ran the slot just before has moved these channels' windows.
        const now = deps.clock.now();
        const channels = await deps.stores.channels.list();
        const due = channels.filter((c) => isDue(c, now, deps.defaults));
        if (due.length) {
          deps.logger.info({ channels: due.map((c) => c.id) }, 'scheduled digest');
          await deps.digest.runCycle({ channelIds: due.map((c) => c.id), ...(shared ? { leaveToPump: true } : {}) });
        }
        return due.length;
      },
      0,
    );
    // Deliveries waiting for a retry (a 5xx, a long Retry-After, a resumed channel) go out once due.
    await deps.digest.deliverPending(shared ? { viaPump: true } : {}).catch((err: unknown) => deps.logger.error({ err }, 'retrying pending deliveries failed'));
    // After the digests, so a recap due at the same minute follows that day's papers.
    const recaps = deps.recaps;
    if (recaps) await once('tick:recaps', () => recaps.runDue(), 0).catch((err: unknown) => deps.logger.error({ err }, 'weekly recaps failed'));
    return digested;
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
