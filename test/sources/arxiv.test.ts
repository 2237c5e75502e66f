import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { createArxivSource, type ArxivSourceOptions } from '../../src/sources/arxiv.js';
import { fixture, startSourceServer, type SourceServer } from '../support/source-server.js';
import { captureLogger, recordingSleep } from './log-capture.js';

let server: SourceServer;

/** Which fixture answers a query: by the day in submittedDate and the `start` offset. */
function arxivRoute(url: URL): { body: string } | undefined {
  const q = url.searchParams.get('search_query') ?? '';
  const day = /submittedDate:\[(\d{4})(\d{2})(\d{2})0000/.exec(q);
  if (!day) return undefined;
  const d = `${day[1]}-${day[2]}-${day[3]}`;
  const start = url.searchParams.get('start');
  if (d === '2026-03-09') return { body: fixture(`arxiv/2026-03-09-p${start === '2' ? 2 : 1}.xml`) };
  if (d === '2026-03-10') return { body: fixture('arxiv/2026-03-10.xml') };
  return { body: fixture('arxiv/2026-03-14.xml') };
}

beforeEach(async () => {
  server = await startSourceServer();
  server.route('/api/query', arxivRoute);
});
afterEach(() => server.close());

function source(over: Partial<ArxivSourceOptions> = {}) {
  const { sleep } = recordingSleep();
  return createArxivSource({ apiUrl: `${server.url}/api/query`, categories: ['cs.LG', 'cs.CV'], logger: silentLogger(), pageSize: 2, sleep, ...over });
}

describe('arXiv source', () => {
  it('queries the day in every category and follows the pages to totalResults', async () => {
    const r = await source().fetchDay('2026-03-09');

    expect(server.requests).toHaveLength(2);
    const [first, second] = server.requests.map((q) => q.url.searchParams);
    expect(first?.get('search_query')).toBe('(cat:cs.LG OR cat:cs.CV) AND submittedDate:[202603090000 TO 202603092359]');
    expect(first?.get('sortBy')).toBe('submittedDate');
    expect([first?.get('start'), first?.get('max_results')]).toEqual(['0', '2']);
    expect([second?.get('start'), second?.get('max_results')]).toEqual(['2', '2']);

    expect(r.skipped).toEqual([]);
    expect(r.papers.map((p) => [p.id, p.version])).toEqual([
      ['2599.00003', 1],
      ['2599.00010', 1],
      ['2599.00004', 1],
      ['hep-th/9901001', 1],
    ]);
  });

  it('maps an Atom entry: whitespace folded, authors, primary category first', async () => {
    const r = await source().fetchDay('2026-03-09');
    const pruning = r.papers.find((p) => p.id === '2599.00003');
    expect(pruning).toMatchObject({
      title: 'The Unreasonable Effectiveness of Random Pruning: Return of the Most Naive Baseline for Sparse Training',
      publishedAt: '2026-03-09T09:12:00.000Z',
      categories: ['cs.LG', 'cs.AI', 'stat.ML'],
      sources: ['arxiv'],
      hfDate: null,
      upvotes: null,
    });
    expect(pruning?.authors).toHaveLength(7);
    expect(pruning?.abstract).not.toMatch(/\n|\s{2}/);
    expect(pruning?.abstract.endsWith('https://github.com/VITA-Group/Random_Pruning.')).toBe(true);
    // Listed under cs.LG, but primary in hep-th: the primary comes first.
    expect(r.papers.find((p) => p.id === 'hep-th/9901001')?.categories).toEqual(['hep-th', 'cs.LG']);
  });

  it('reads a feed whose namespaces use other prefixes, skipping malformed entries', async () => {
    const { logger, lines } = captureLogger();
    const r = await source({ logger, pageSize: 50 }).fetchDay('2026-03-10');
    expect(r.papers.map((p) => [p.id, p.version])).toEqual([
      ['2599.00004', 2],
      ['2599.00012', 1],
    ]);
    expect(r.papers[0]?.title).toBe('AgentsNet: Coordination and Collaborative Reasoning in Multi-Agent LLMs');
    expect(r.papers[0]?.categories).toEqual(['cs.MA', 'cs.LG', 'cs.AI']);
    expect(r.skipped.map((s) => s.id)).toEqual(['http://arxiv.org/abs/2599.00093v1', 'http://arxiv.org/abs/not-an-id']);
    expect(r.skipped[0]?.reason).toMatch(/^title:/);
    expect(r.skipped[1]?.reason).toMatch(/id: not an arXiv abs URL/);
    expect(r.skipped[1]?.reason).toMatch(/published/);
    expect(lines.filter((l) => l.msg === 'skipped malformed paper')).toHaveLength(2);
    expect(server.requests).toHaveLength(1); // 4 entries of totalResults 4: one page
  });

  it('returns an empty weekend day', async () => {
    await expect(source().fetchDay('2026-03-14')).resolves.toEqual({ day: '2026-03-14', papers: [], skipped: [] });
  });

  it('turns an API error feed into a non-retryable SourceError', async () => {
    server.route('/api/query', () => ({ body: fixture('arxiv/error.xml') }));
    await expect(source().fetchDay('2026-03-09')).rejects.toMatchObject({
      name: 'SourceError',
      source: 'arxiv',
      retryable: false,
      message: expect.stringMatching(/incorrect id format/),
    });
  });

  it('makes no request when no category is configured', async () => {
    await expect(source({ categories: [] }).fetchDay('2026-03-09')).resolves.toEqual({ day: '2026-03-09', papers: [], skipped: [] });
    expect(server.requests).toHaveLength(0);
  });

  it('stops on an empty page that falls short of totalResults', async () => {
    const empty = fixture('arxiv/2026-03-14.xml').replace('<opensearch:totalResults>0<', '<opensearch:totalResults>9<');
    server.route('/api/query', () => ({ body: empty }));
    await expect(source().fetchDay('2026-03-09')).resolves.toMatchObject({ papers: [] });
    expect(server.requests).toHaveLength(1);
  });
});

describe('arXiv rate limit', () => {
  /** A clock that only moves when the code under test sleeps. */
  function fakeTime(start = 1_000_000) {
    let t = start;
    const waits: number[] = [];
    return {
      now: () => t,
      sleep: async (ms: number) => {
        waits.push(ms);
        t += ms;
      },
      waits,
      advance: (ms: number) => {
        t += ms;
      },
    };
  }

  it('spaces request starts at least 3 s apart on the fake clock, retries included', async () => {
    const clock = fakeTime();
    const starts: number[] = [];
    const spyFetch: typeof fetch = (input, init) => {
      starts.push(clock.now());
      return fetch(input, init);
    };
    server.failNext(1, { kind: 'status', status: 503 });
    const arxiv = createArxivSource({
      apiUrl: `${server.url}/api/query`,
      categories: ['cs.LG'],
      logger: silentLogger(),
      pageSize: 2,
      fetch: spyFetch,
      now: clock.now,
      sleep: clock.sleep,
    });

    await arxiv.fetchDay('2026-03-09'); // 503, retry, page 2
    await arxiv.fetchDay('2026-03-10');

    expect(starts).toHaveLength(4);
    const gaps = starts.slice(1).map((t, i) => t - (starts[i] ?? 0));
    expect(gaps.every((g) => g >= 3000)).toBe(true);
    // The 1 s retry backoff is topped up to 3 s by the throttle, not added on top of it.
    expect(gaps).toEqual([3000, 3000, 3000]);
  });

  it('is shared by concurrent fetches through one throttle: one request at a time', async () => {
    const { createThrottle } = await import('../../src/sources/throttle.js');
    const clock = fakeTime();
    const throttle = createThrottle({ now: clock.now, sleep: clock.sleep });
    let inFlight = 0;
    let maxInFlight = 0;
    const starts: number[] = [];
    const spyFetch: typeof fetch = async (input, init) => {
      starts.push(clock.now());
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        return await fetch(input, init);
      } finally {
        inFlight -= 1;
      }
    };
    const make = () =>
      createArxivSource({
        apiUrl: `${server.url}/api/query`,
        categories: ['cs.LG'],
        logger: silentLogger(),
        pageSize: 50,
        fetch: spyFetch,
        now: clock.now,
        sleep: clock.sleep,
        throttle,
      });
    await Promise.all([make().fetchDay('2026-03-10'), make().fetchDay('2026-03-14'), make().fetchDay('2026-03-10')]);

    expect(maxInFlight).toBe(1);
    expect(starts).toEqual([1_000_000, 1_003_000, 1_006_000]);
  });

  it('does not wait when the previous request is already older than the interval', async () => {
    const clock = fakeTime();
    const arxiv = createArxivSource({
      apiUrl: `${server.url}/api/query`,
      categories: ['cs.LG'],
      logger: silentLogger(),
      pageSize: 50,
      now: clock.now,
      sleep: clock.sleep,
    });
    await arxiv.fetchDay('2026-03-10');
    clock.advance(10_000);
    await arxiv.fetchDay('2026-03-14');
    expect(clock.waits).toEqual([]);
  });
});
