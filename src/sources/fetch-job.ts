import type { Clock } from '../clock.js';
import type { SourceFetchReport } from '../digest/types.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import { dedupePapers } from '../papers/merge.js';
import type { Paper, SourceName } from '../papers/paper.js';
import type { Stores } from '../store/types.js';
import { KeyedMutex } from '../util/keyed-mutex.js';
import { cadenceOf, fetchDue } from './cadence.js';
import { collectDay, collectOwed, recordCollection } from './collect.js';
import type { PaperSource } from './source.js';

/**
 * Holds "decide + fetch + record" of one source exclusive. In one process a
 * mutex is enough; workers sharing one database (issue #12) put a database
 * lock here, so each source is fetched once per cadence across them. It waits
 * rather than skips: a digest behind it must see what the fetch stores.
 */
export interface SourceLock {
  run<T>(source: SourceName, task: () => Promise<T>): Promise<T>;
}

export function processSourceLock(): SourceLock {
  const mutex = new KeyedMutex();
  return { run: (source, task) => mutex.run(source, task) };
}

export interface FetchRun {
  /** One per source fetched; a source not due is absent. */
  reports: SourceFetchReport[];
  /** Papers new to the store. */
  added: number;
}

export interface FetchJob {
  /**
   * Fetch each source whose cadence has come (or whose retry wait after a
   * failure is over) and store what is new. A call made while a source is
   * being fetched shares that fetch instead of starting another.
   */
  runDue(): Promise<FetchRun>;
  /** One day from every source (a backfill), whatever their cadence; their state is neither read nor moved. */
  fetchDay(day: string): Promise<FetchRun>;
}

export interface FetchJobDeps {
  sources: readonly PaperSource[];
  stores: Pick<Stores, 'papers' | 'sources'>;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** Hugging Face's cadence (PAPERS_FETCH_INTERVAL); arXiv follows its announcements. */
  fetchIntervalMs: number;
  /** Days a source catches up after an outage. */
  maxCatchUpDays: number;
  lock?: SourceLock;
}

type SourceRun = { report: SourceFetchReport; added: number };

export function createFetchJob(deps: FetchJobDeps): FetchJob {
  const { stores, clock, logger, metrics } = deps;
  const lock = deps.lock ?? processSourceLock();
  const running = new Map<SourceName, Promise<SourceRun | null>>();

  async function store(papers: readonly Paper[], reports: readonly SourceFetchReport[]): Promise<number> {
    for (const r of reports) {
      metrics.inc('paperboy_papers_fetched_total', 'Papers fetched from each source', { source: r.source }, r.papers);
      metrics.observe('paperboy_source_latency_seconds', 'Time spent fetching each source per cycle', { source: r.source }, r.latencyMs / 1000);
      if (!r.ok) metrics.inc('paperboy_source_failures_total', 'Source fetches that failed after retries', { source: r.source });
    }
    // Stamped when stored, not when the fetch began: a digest that ran meanwhile must not have covered that moment already.
    const { added } = await stores.papers.upsertMany(dedupePapers(papers), clock.now().toISOString());
    logger.info(
      { papers: papers.length, added, sources: reports.map((r) => ({ source: r.source, ok: r.ok, papers: r.papers, days: r.days })) },
      'fetched papers',
    );
    return added;
  }

  function fetchIfDue(source: PaperSource): Promise<SourceRun | null> {
    const cadence = cadenceOf(source.name, deps.fetchIntervalMs);
    return lock.run(source.name, async () => {
      const now = clock.now();
      if (!fetchDue(await stores.sources.get(source.name), cadence, now)) return null;
      const at = now.toISOString();
      await stores.sources.recordAttempt(source.name, at);
      const fetched = await collectOwed(source, stores.sources, now, { maxDays: deps.maxCatchUpDays, logger, owed: cadence.days });
      // Papers before state: a crash between the two refetches the days rather than losing them.
      const added = await store(fetched.papers, [fetched.report]);
      await recordCollection(stores.sources, source, fetched, at, logger);
      return { report: fetched.report, added };
    });
  }

  function shared(source: PaperSource): Promise<SourceRun | null> {
    let run = running.get(source.name);
    if (!run) {
      run = fetchIfDue(source).finally(() => running.delete(source.name));
      running.set(source.name, run);
    }
    return run;
  }

  return {
    async runDue() {
      const settled = await Promise.allSettled(deps.sources.map(shared));
      const runs: SourceRun[] = [];
      settled.forEach((s, i) => {
        if (s.status === 'fulfilled') {
          if (s.value) runs.push(s.value);
        } else logger.error({ err: s.reason, source: deps.sources[i]?.name }, 'source fetch failed');
      });
      return { reports: runs.map((r) => r.report), added: runs.reduce((n, r) => n + r.added, 0) };
    },

    async fetchDay(day) {
      const { papers, reports } = await collectDay(deps.sources, day, logger);
      return { reports, added: await store(papers, reports) };
    },
  };
}
