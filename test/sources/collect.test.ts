import { describe, expect, it } from 'vitest';
import { SourceError } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import type { Paper, SourceName } from '../../src/papers/paper.js';
import { collectPapers, daysToFetch } from '../../src/sources/collect.js';
import type { DayFetch, PaperSource } from '../../src/sources/source.js';
import { memorySourceState } from '../support/memory-source-state.js';
import { makePaper } from '../support/papers.js';

/** A source with a paper per day, failing on the days in `failOn`; records the days asked. */
function scripted(name: SourceName, opts: { failOn?: string[]; before?: (day: string) => Promise<void> } = {}) {
  const asked: string[] = [];
  const source: PaperSource = {
    name,
    async fetchDay(day: string): Promise<DayFetch> {
      asked.push(day);
      await opts.before?.(day);
      if (opts.failOn?.includes(day)) throw new SourceError(name, `${name} answered 503 for ${day}`, true);
      return { day, papers: [makePaper({ id: `${name}-${day}`, sources: [name] })], skipped: day.endsWith('1') ? [{ id: null, reason: 'bad' }] : [] };
    },
  };
  return { source, asked };
}

const NOW = new Date('2026-03-12T09:30:00Z');
const opts = { logger: silentLogger() };

describe('daysToFetch', () => {
  it.each([
    [null, 7, ['2026-03-11', '2026-03-12']], // first run: yesterday and today
    ['2026-03-12', 7, ['2026-03-12']], // already fetched today: again, HF adds papers all day
    ['2026-03-09', 7, ['2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12']],
    ['2026-02-01', 3, ['2026-03-10', '2026-03-11', '2026-03-12']], // a long outage: the last maxDays only
    ['2026-03-20', 7, ['2026-03-12']], // a state from the future (clock moved back)
    [null, 1, ['2026-03-12']],
  ] as const)('last %s, max %d → %j', (last, max, days) => {
    expect(daysToFetch(last, '2026-03-12', max)).toEqual(days);
  });
});

describe('collectPapers', () => {
  it('catches up missed days after an outage, the last fetched day included, and records today', async () => {
    const state = memorySourceState({ hf: '2026-03-09' });
    const hf = scripted('hf');
    const { papers, reports } = await collectPapers([hf.source], state, NOW, opts);

    expect(hf.asked).toEqual(['2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12']);
    expect(papers.map((p) => p.id).sort()).toEqual(['hf-2026-03-09', 'hf-2026-03-10', 'hf-2026-03-11', 'hf-2026-03-12']);
    expect(reports).toEqual([{ source: 'hf', days: hf.asked, papers: 4, skipped: 1, ok: true, error: null, latencyMs: expect.any(Number) }]);
    expect(state.states.get('hf')).toMatchObject({ lastSuccessDay: '2026-03-12', lastSuccessAt: NOW.toISOString(), lastError: null });
  });

  it('goes on with the other sources when one is down, and records the failure', async () => {
    const state = memorySourceState({ hf: '2026-03-12', arxiv: '2026-03-12' });
    const hf = scripted('hf', { failOn: ['2026-03-12'] });
    const arxiv = scripted('arxiv');
    const { papers, reports } = await collectPapers([hf.source, arxiv.source], state, NOW, opts);

    expect(papers.map((p) => p.id)).toEqual(['arxiv-2026-03-12']);
    const hfReport = reports.find((r) => r.source === 'hf');
    expect(hfReport).toMatchObject({ ok: false, papers: 0, days: ['2026-03-12'], error: 'hf answered 503 for 2026-03-12' });
    expect(reports.find((r) => r.source === 'arxiv')).toMatchObject({ ok: true, papers: 1 });
    expect(state.states.get('hf')).toMatchObject({ lastSuccessDay: '2026-03-12', lastError: 'hf answered 503 for 2026-03-12', lastErrorAt: NOW.toISOString() });
    // The old success time stays: nothing succeeded this time.
    expect(state.states.get('hf')?.lastSuccessAt).toBe('2026-03-12T12:00:00.000Z');
    expect(state.states.get('arxiv')).toMatchObject({ lastSuccessAt: NOW.toISOString(), lastError: null });
  });

  it('keeps the days fetched before a failure and resumes from the last good one next time', async () => {
    const state = memorySourceState({ hf: '2026-03-09' });
    const down = scripted('hf', { failOn: ['2026-03-11'] });
    const first = await collectPapers([down.source], state, NOW, opts);

    expect(down.asked).toEqual(['2026-03-09', '2026-03-10', '2026-03-11']); // stops at the failing day
    expect(first.papers.map((p) => p.id)).toEqual(['hf-2026-03-09', 'hf-2026-03-10']);
    expect(first.reports[0]).toMatchObject({ ok: false, papers: 2 });
    expect(state.states.get('hf')?.lastSuccessDay).toBe('2026-03-10');

    const up = scripted('hf');
    await collectPapers([up.source], state, NOW, opts);
    expect(up.asked).toEqual(['2026-03-10', '2026-03-11', '2026-03-12']);
    expect(state.states.get('hf')?.lastSuccessDay).toBe('2026-03-12');
  });

  it('runs sources side by side', async () => {
    // Each source waits until the other has started: this only finishes if they run concurrently.
    let startA!: () => void;
    let startB!: () => void;
    const aStarted = new Promise<void>((r) => (startA = r));
    const bStarted = new Promise<void>((r) => (startB = r));
    const timeout = (p: Promise<void>) =>
      Promise.race([p, new Promise<void>((_, reject) => setTimeout(() => reject(new Error('sources ran one after the other')), 1000))]);
    const a = scripted('hf', {
      before: async () => {
        startA();
        await timeout(bStarted);
      },
    });
    const b = scripted('arxiv', {
      before: async () => {
        startB();
        await timeout(aStarted);
      },
    });
    const { reports } = await collectPapers([a.source, b.source], memorySourceState({ hf: '2026-03-12', arxiv: '2026-03-12' }), NOW, opts);
    expect(reports.map((r) => r.ok)).toEqual([true, true]);
  });

  it('measures latency per source', async () => {
    const slow = scripted('hf', { before: () => new Promise((r) => setTimeout(r, 40)) });
    const { reports } = await collectPapers([slow.source], memorySourceState({ hf: '2026-03-12' }), NOW, opts);
    expect(reports[0]?.latencyMs).toBeGreaterThanOrEqual(35);
  });

  it('merges the same paper from two sources into one', async () => {
    const fromHf: Paper = makePaper({ id: '2599.00777', sources: ['hf'], upvotes: 12, categories: [] });
    const fromArxiv: Paper = { ...fromHf, sources: ['arxiv'], upvotes: null, categories: ['cs.LG'], version: 2 };
    const source = (name: SourceName, p: Paper): PaperSource => ({ name, fetchDay: async (day) => ({ day, papers: [p], skipped: [] }) });
    const { papers } = await collectPapers(
      [source('hf', fromHf), source('arxiv', fromArxiv)],
      memorySourceState({ hf: '2026-03-12', arxiv: '2026-03-12' }),
      NOW,
      opts,
    );
    expect(papers).toHaveLength(1);
    expect(papers[0]).toMatchObject({ id: '2599.00777', version: 2, upvotes: 12, categories: ['cs.LG'], sources: ['arxiv', 'hf'] });
  });
});
