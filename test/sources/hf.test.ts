import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { createHfSource } from '../../src/sources/hf.js';
import { fixture, hfDailyPapers, startSourceServer, type SourceServer } from '../support/source-server.js';
import { captureLogger, recordingSleep } from './log-capture.js';

let server: SourceServer;

beforeEach(async () => {
  server = await startSourceServer();
  server.route('/api/daily_papers', hfDailyPapers());
});
afterEach(() => server.close());

describe('HF Daily Papers source', () => {
  it('maps a day of Daily Papers items to papers', async () => {
    const hf = createHfSource({ baseUrl: server.url, logger: silentLogger() });
    const r = await hf.fetchDay('2026-03-09');

    expect(r.day).toBe('2026-03-09');
    expect(r.skipped).toEqual([]);
    expect(r.papers.map((p) => p.id)).toEqual(['2599.00001', '2599.00002', '2599.00003', '2599.00005', '2599.00006']);
    const pruning = r.papers.find((p) => p.id === '2599.00003');
    expect(pruning).toMatchObject({
      version: 1,
      title: 'The Unreasonable Effectiveness of Random Pruning: Return of the Most Naive Baseline for Sparse Training',
      hfDate: '2026-03-09',
      codeUrl: 'https://github.com/VITA-Group/Random_Pruning',
      projectUrl: null,
      categories: [],
      sources: ['hf'],
    });
    // The seed says "7 authors"; a hidden HF author is still an author.
    expect(pruning?.authors).toHaveLength(7);
    expect(pruning?.abstract.startsWith('Random pruning is arguably the most naive way')).toBe(true);
    expect(pruning?.publishedAt.startsWith('2022-02-05')).toBe(true);
    expect(typeof pruning?.upvotes).toBe('number');

    const tactile = r.papers.find((p) => p.id === '2599.00005');
    // Links are kept in the form the URL parser writes them (issue #11): the same address.
    expect(tactile?.projectUrl).toBe('https://t3.alanz.info/');
    expect(tactile?.aiSummary).toBe(
      'This paper presents T3: Transferable Tactile Transformers, a framework for tactile representation learning that scales across multi-sensors and multi-tasks.',
    );
    expect(tactile?.aiKeywords).toContain('tactile');
    expect(tactile?.numComments).toEqual(expect.any(Number));

    expect(server.requests).toHaveLength(1);
    const q = server.requests[0]?.url.searchParams;
    expect(q?.get('date')).toBe('2026-03-09');
    expect(q?.get('p')).toBe('0');
  });

  it('follows pages until a short page', async () => {
    const hf = createHfSource({ baseUrl: server.url, logger: silentLogger(), pageSize: 2 });
    const r = await hf.fetchDay('2026-03-09');
    expect(r.papers).toHaveLength(5);
    expect(server.requests.map((q) => [q.url.searchParams.get('p'), q.url.searchParams.get('limit')])).toEqual([
      ['0', '2'],
      ['1', '2'],
      ['2', '2'],
    ]);
  });

  it('stops paging when the server ignores `p` and repeats a full page', async () => {
    server.route('/api/daily_papers', () => ({ body: JSON.stringify((JSON.parse(fixture('hf/2026-03-09.json')) as unknown[]).slice(0, 2)) }));
    const hf = createHfSource({ baseUrl: server.url, logger: silentLogger(), pageSize: 2 });
    const r = await hf.fetchDay('2026-03-09');
    expect(r.papers.map((p) => p.id)).toEqual(['2599.00001', '2599.00002']);
    expect(server.requests).toHaveLength(2);
  });

  it('skips malformed items with a logged reason and keeps the rest of the day', async () => {
    const { logger, lines } = captureLogger();
    const hf = createHfSource({ baseUrl: server.url, logger });
    const r = await hf.fetchDay('2026-03-10');

    expect(r.papers.map((p) => p.id)).toEqual(['2599.00004', '2599.00007', '2599.00008']);
    expect(r.skipped.map((s) => s.id)).toEqual(['2599.00090', 'not-an-arxiv-id', '2599.00092']);
    expect(r.skipped[0]?.reason).toMatch(/paper\.title/);
    expect(r.skipped[1]?.reason).toMatch(/paper\.id: not an arXiv id/);
    expect(r.skipped[2]?.reason).toMatch(/paper\.(authors|upvotes)/);

    const warned = lines.filter((l) => l.msg === 'skipped malformed paper');
    expect(warned.map((l) => l.paperId)).toEqual(['2599.00090', 'not-an-arxiv-id', '2599.00092']);
    expect(warned.every((l) => typeof l.reason === 'string' && l.reason.length > 0)).toBe(true);
  });

  it('returns an empty day for a weekend', async () => {
    const hf = createHfSource({ baseUrl: server.url, logger: silentLogger() });
    await expect(hf.fetchDay('2026-03-14')).resolves.toEqual({ day: '2026-03-14', papers: [], skipped: [] });
  });

  it('a day with no list yet: HF answers [] and the day is empty, in one request', async () => {
    const hf = createHfSource({ baseUrl: server.url, logger: silentLogger() });
    await expect(hf.fetchDay('2026-03-11')).resolves.toEqual({ day: '2026-03-11', papers: [], skipped: [] });
    expect(server.requests).toHaveLength(1);
  });

  it('fails without retrying on a 400', async () => {
    server.route('/api/daily_papers', () => ({ status: 400, body: JSON.stringify({ error: 'Invalid date' }) }));
    const { sleep, waits } = recordingSleep();
    const hf = createHfSource({ baseUrl: server.url, logger: silentLogger(), sleep });
    await expect(hf.fetchDay('2026-03-11')).rejects.toMatchObject({ name: 'SourceError', source: 'hf', retryable: false });
    expect(server.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('rejects a body that is not a JSON array', async () => {
    server.route('/api/daily_papers', () => ({ body: JSON.stringify({ error: 'maintenance' }) }));
    const hf = createHfSource({ baseUrl: server.url, logger: silentLogger() });
    await expect(hf.fetchDay('2026-03-09')).rejects.toMatchObject({ name: 'SourceError', message: expect.stringMatching(/JSON array/) });
  });
});
