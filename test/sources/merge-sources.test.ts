import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { createArxivSource } from '../../src/sources/arxiv.js';
import { collectPapers } from '../../src/sources/collect.js';
import { createHfSource } from '../../src/sources/hf.js';
import { memorySourceState } from '../support/memory-source-state.js';
import { fixture, hfDailyPapers, startSourceServer, type SourceServer } from '../support/source-server.js';
import { recordingSleep } from './log-capture.js';

let server: SourceServer;

beforeEach(async () => {
  server = await startSourceServer();
  server.route('/api/daily_papers', hfDailyPapers());
  server.route('/api/query', (url) => {
    const q = url.searchParams.get('search_query') ?? '';
    if (q.includes('[20260310')) return { body: fixture('arxiv/2026-03-10.xml') };
    return { body: fixture(`arxiv/2026-03-09-p${url.searchParams.get('start') === '0' ? 1 : 2}.xml`) };
  });
});
afterEach(() => server.close());

describe('HF and arXiv over HTTP, two days', () => {
  it('merges a paper seen by both sources and in two versions into one richer record', async () => {
    const { sleep } = recordingSleep();
    const hf = createHfSource({ baseUrl: server.url, logger: silentLogger(), sleep });
    const arxiv = createArxivSource({ apiUrl: `${server.url}/api/query`, categories: ['cs.LG', 'cs.CV'], logger: silentLogger(), pageSize: 2, sleep });
    const state = memorySourceState({ hf: '2026-03-09', arxiv: '2026-03-09' });

    const { papers, reports } = await collectPapers([hf, arxiv], state, new Date('2026-03-10T18:00:00Z'), { logger: silentLogger() });

    expect(reports.map((r) => [r.source, r.ok, r.days, r.papers, r.skipped])).toEqual([
      ['hf', true, ['2026-03-09', '2026-03-10'], 8, 3],
      ['arxiv', true, ['2026-03-09', '2026-03-10'], 6, 2],
    ]);
    // 5 + 3 from HF, 4 + 2 from arXiv; 2599.00003 and 2599.00004 are on both, 2599.00004 twice on arXiv.
    expect(papers).toHaveLength(11);
    expect(new Set(papers.map((p) => p.id)).size).toBe(11);

    const agents = papers.find((p) => p.id === '2599.00004');
    expect(agents).toMatchObject({
      version: 2,
      // v1 was titled "AgentsNet: Coordination in Multi-Agent LLMs"; v2's title wins.
      title: 'AgentsNet: Coordination and Collaborative Reasoning in Multi-Agent LLMs',
      hfDate: '2026-03-10',
      categories: ['cs.MA', 'cs.LG', 'cs.AI'],
      sources: ['arxiv', 'hf'],
    });
    expect(agents?.abstract.endsWith('with up to 100 agents.')).toBe(true);
    expect(agents?.upvotes).toEqual(expect.any(Number));

    const pruning = papers.find((p) => p.id === '2599.00003');
    expect(pruning).toMatchObject({
      sources: ['arxiv', 'hf'],
      categories: ['cs.LG', 'cs.AI', 'stat.ML'],
      codeUrl: 'https://github.com/VITA-Group/Random_Pruning',
      hfDate: '2026-03-09',
      // arXiv's v1 date is the paper's date, not HF's listing day.
      publishedAt: expect.stringMatching(/^2022-02-05/),
    });
    expect(state.states.get('arxiv')?.lastSuccessDay).toBe('2026-03-10');
  });
});
