import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/clock.js';
import { silentLogger } from '../../src/log.js';
import { Metrics } from '../../src/metrics.js';
import type { SourceName } from '../../src/papers/paper.js';
import { createFetchJob, processSourceLock, type SourceLock } from '../../src/sources/fetch-job.js';
import type { PaperSource } from '../../src/sources/source.js';
import { openSqliteStores } from '../../src/store/sqlite/index.js';
import type { Stores } from '../../src/store/types.js';
import { FakeSource } from '../support/fake-source.js';
import { makePaper } from '../support/papers.js';
import { tempDir } from '../store/helpers.js';

const MIN = 60_000;
const open: Stores[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

function job(stores: Stores, sources: PaperSource[], clock: ReturnType<typeof fixedClock>, lock?: SourceLock) {
  return createFetchJob({
    sources,
    stores,
    clock,
    logger: silentLogger(),
    metrics: new Metrics(),
    fetchIntervalMs: 30 * MIN,
    maxCatchUpDays: 7,
    ...(lock ? { lock } : {}),
  });
}

/** A source whose every fetchDay waits until the test lets it go, so calls can overlap. */
class GatedSource extends FakeSource {
  private release: (() => void) | null = null;
  private gate: Promise<void> | null = null;
  hold(): void {
    this.gate = new Promise((r) => (this.release = r));
  }
  open(): void {
    this.release?.();
    this.gate = null;
  }
  override async fetchDay(day: string) {
    await this.gate;
    return super.fetchDay(day);
  }
}

describe('fetch job', () => {
  it('fetches a source once per cadence: calls while it runs share it, calls before the interval fetch nothing', async () => {
    const stores = openSqliteStores(':memory:');
    open.push(stores);
    const clock = fixedClock('2026-03-10T08:00:00.000Z');
    const hf = new GatedSource('hf').set('2026-03-10', [makePaper({ id: '2599.00001' })]);
    const fetch = job(stores, [hf], clock);

    hf.hold();
    const first = fetch.runDue();
    const second = fetch.runDue();
    hf.open();
    const [a, b] = await Promise.all([first, second]);
    expect(hf.requested).toEqual(['2026-03-09', '2026-03-10']);
    expect(a).toEqual(b);
    expect(a.added).toBe(1);

    clock.advance(29 * MIN);
    expect(await fetch.runDue()).toEqual({ reports: [], added: 0 });
    expect(hf.requested).toHaveLength(2);
    clock.advance(MIN);
    await fetch.runDue();
    expect(hf.requested).toEqual(['2026-03-09', '2026-03-10', '2026-03-09', '2026-03-10']);
  });

  it('decides from the database, not from memory: a restarted process does not fetch a source that is still fresh', async () => {
    const tmp = tempDir();
    try {
      const file = tmp.file();
      const clock = fixedClock('2026-03-10T08:00:00.000Z');
      const before = openSqliteStores(file);
      const arxivBefore = new FakeSource('arxiv');
      await job(before, [arxivBefore], clock).runDue();
      await before.close();
      // arXiv reaches back four days (late submissions are announced a day or a weekend later)
      expect(arxivBefore.requested).toEqual(['2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10']);

      clock.set('2026-03-10T18:00:00.000Z'); // the next announcement is 20:00 EDT = 00:00 UTC
      const after = openSqliteStores(file);
      open.push(after);
      const arxivAfter = new FakeSource('arxiv');
      expect((await job(after, [arxivAfter], clock).runDue()).reports).toEqual([]);
      expect(arxivAfter.requested).toEqual([]);
      clock.set('2026-03-11T00:00:00.000Z');
      await job(after, [arxivAfter], clock).runDue();
      expect(arxivAfter.requested).toEqual(['2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10', '2026-03-11']);
    } finally {
      tmp.cleanup();
    }
  });

  it('two workers on one database with one lock around decide + fetch + record fetch a source once', async () => {
    const stores = openSqliteStores(':memory:');
    open.push(stores);
    const clock = fixedClock('2026-03-10T08:00:00.000Z');
    const lock = processSourceLock();
    const seen: SourceName[] = [];
    const recording: SourceLock = {
      run: (source, task) => {
        seen.push(source);
        return lock.run(source, task);
      },
    };
    const one = new GatedSource('hf');
    const two = new GatedSource('hf');
    one.hold();
    two.hold();
    const runOne = job(stores, [one], clock, recording).runDue();
    const runTwo = job(stores, [two], clock, recording).runDue();
    one.open();
    two.open();
    const [a, b] = await Promise.all([runOne, runTwo]);
    expect(seen).toEqual(['hf', 'hf']);
    expect(one.requested.length + two.requested.length).toBe(2);
    expect(a.reports.length + b.reports.length).toBe(1);
  });

  it('retries a failing source after a growing wait, not at every call', async () => {
    const stores = openSqliteStores(':memory:');
    open.push(stores);
    const clock = fixedClock('2026-03-10T08:00:00.000Z');
    const hf = new FakeSource('hf');
    hf.down = true;
    const fetch = job(stores, [hf], clock);
    const attemptsAt: number[] = [];
    for (let minute = 0; minute <= 60; minute += 1) {
      const before = hf.requested.length;
      await fetch.runDue();
      if (hf.requested.length > before) attemptsAt.push(minute);
      clock.advance(MIN);
    }
    // 5, 10, 20 minutes apart, then the interval (30) caps it.
    expect(attemptsAt).toEqual([0, 5, 15, 35]);
    expect(await stores.sources.get('hf')).toMatchObject({ failures: 4, lastSuccessAt: null, lastError: 'hf answered 503' });
    hf.down = false;
    clock.set('2026-03-10T09:05:00.000Z');
    await fetch.runDue();
    expect(await stores.sources.get('hf')).toMatchObject({ failures: 0, lastSuccessAt: '2026-03-10T09:05:00.000Z' });
  });

  it('a backfill fetches the day asked from every source, whatever their cadence, and leaves their state alone', async () => {
    const stores = openSqliteStores(':memory:');
    open.push(stores);
    const clock = fixedClock('2026-03-10T08:00:00.000Z');
    const hf = new FakeSource('hf').set('2026-03-02', [makePaper({ id: '2599.00002' })]);
    const fetch = job(stores, [hf], clock);
    await fetch.runDue();
    const state = await stores.sources.get('hf');
    expect((await fetch.fetchDay('2026-03-02')).added).toBe(1);
    expect(hf.requested).toEqual(['2026-03-09', '2026-03-10', '2026-03-02']);
    expect(await stores.sources.get('hf')).toEqual(state);
  });
});
