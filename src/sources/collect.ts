import type { Logger } from 'pino';
import type { SourceFetchReport } from '../digest/types.js';
import { dedupePapers } from '../papers/merge.js';
import type { Paper } from '../papers/paper.js';
import type { SourceStateStore } from '../store/types.js';
import { addDays, dayRange, utcDay } from '../util/days.js';
import type { PaperSource } from './source.js';

export interface CollectOptions {
  /** How far back a source catches up after an outage, today included. */
  maxDays?: number;
  logger: Logger;
}

/**
 * The days a source still owes: from its last successful day (again, since HF
 * keeps adding papers to a day) through today, never more than `maxDays`.
 * A first run takes yesterday and today: early in the UTC day today's lists
 * are often still empty, and a fresh install should have something to show.
 */
export function daysToFetch(lastSuccessDay: string | null, today: string, maxDays: number): string[] {
  const floor = addDays(today, -(Math.max(1, maxDays) - 1));
  const from = lastSuccessDay ?? addDays(today, -1);
  const start = from < floor ? floor : from > today ? today : from;
  return dayRange(start, today);
}

/** The days a source owes, from the last day it fetched successfully (`daysToFetch` unless a source's cadence says otherwise). */
export type OwedDays = (lastSuccessDay: string | null, today: string, maxDays: number) => string[];

/** What one source gave: its papers, its report, and the last day that came back. */
export interface SourceCollection {
  papers: Paper[];
  report: SourceFetchReport;
  lastOk: string | null;
}

/** Fetch every source's owed days, sources side by side, days of one source in order. */
export async function collectPapers(
  sources: readonly PaperSource[],
  state: SourceStateStore,
  now: Date,
  opts: CollectOptions,
): Promise<{ papers: Paper[]; reports: SourceFetchReport[] }> {
  const at = now.toISOString();
  const results = await Promise.all(
    sources.map(async (s) => {
      const fetched = await collectOwed(s, state, now, opts);
      await recordCollection(state, s, fetched, at, opts.logger);
      return fetched;
    }),
  );
  return { papers: dedupePapers(results.flatMap((r) => r.papers)), reports: results.map((r) => r.report) };
}

/** Fetch the days one source owes (read from its state), without recording the outcome: the caller stores the papers first. */
export function collectOwed(source: PaperSource, state: SourceStateStore, now: Date, opts: CollectOptions & { owed?: OwedDays }): Promise<SourceCollection> {
  const today = utcDay(now);
  const owedDays = opts.owed ?? daysToFetch;
  const owed = async (): Promise<string[]> => owedDays((await state.get(source.name)).lastSuccessDay, today, opts.maxDays ?? 7);
  return fetchDays(source, owed, opts.logger);
}

/** One day from every source, as asked (a backfill): the sources' catch-up state is neither read nor moved. */
export async function collectDay(sources: readonly PaperSource[], day: string, logger: Logger): Promise<{ papers: Paper[]; reports: SourceFetchReport[] }> {
  const results = await Promise.all(sources.map((s) => fetchDays(s, async () => [day], logger)));
  return { papers: dedupePapers(results.flatMap((r) => r.papers)), reports: results.map((r) => r.report) };
}

/** Fetches the days `days` gives, in order, stopping at the first failure (finding the days can fail too); reports what was fetched and the last day that succeeded. */
async function fetchDays(source: PaperSource, days: () => Promise<string[]>, logger: Logger): Promise<SourceCollection> {
  const started = performance.now();
  const papers: Paper[] = [];
  const tried: string[] = [];
  let skipped = 0;
  let lastOk: string | null = null;
  let error: string | null = null;
  try {
    for (const day of await days()) {
      tried.push(day);
      const r = await source.fetchDay(day);
      papers.push(...r.papers);
      skipped += r.skipped.length;
      lastOk = day;
    }
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
    logger.warn({ err, source: source.name, day: tried.at(-1) }, 'source failed; other sources go on');
  }
  const report: SourceFetchReport = {
    source: source.name,
    days: tried,
    papers: papers.length,
    skipped,
    ok: error === null,
    error,
    latencyMs: Math.round(performance.now() - started),
  };
  return { papers, report, lastOk };
}

/**
 * A full success moves the source's success time; a failure keeps the days
 * that came back before it (the catch-up resumes there) and counts towards
 * the retry backoff.
 */
export async function recordCollection(state: SourceStateStore, source: PaperSource, fetched: SourceCollection, at: string, logger: Logger): Promise<void> {
  try {
    const { error } = fetched.report;
    if (error !== null) await state.recordFailure(source.name, error, at, fetched.lastOk);
    else if (fetched.lastOk) await state.recordSuccess(source.name, fetched.lastOk, at);
  } catch (err) {
    logger.error({ err, source: source.name }, 'could not record source state');
  }
}
