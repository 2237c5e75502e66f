import { beforeEach, expect, it } from 'vitest';
import type { Stores } from '../../src/store/types.js';
import { makePaper } from '../support/papers.js';
import { describeEngines } from './engines.js';

const DAY1 = '2026-03-10T08:00:00.000Z';
const DAY2 = '2026-03-11T08:00:00.000Z';

describeEngines('paper store', (t) => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await t.open();
  });

  it('stores every field of a paper and reads it back unchanged', async () => {
    const p = makePaper({
      id: '2599.00001',
      version: 2,
      hfDate: '2026-03-10',
      upvotes: 12,
      aiSummary: 'Fixture summary.',
      aiKeywords: ['pruning', 'sparsity'],
      codeUrl: 'https://example.org/code',
      projectUrl: 'https://example.org/project',
      numComments: 4,
      imageUrl: 'https://cdn-uploads.huggingface.co/production/uploads/fig1.png',
      categories: ['cs.LG', 'cs.CL'],
      sources: ['arxiv', 'hf'],
      authors: ['Ada Fixture', 'Bob Placeholder', 'Zoë Ünicode'],
      title: "Ünïcode “quotes” and 'apostrophes'",
    });
    expect(await stores.papers.upsertMany([p], DAY1)).toEqual({ added: 1, updated: 0 });
    expect(await stores.papers.get(p.id)).toEqual({ ...p, firstSeenAt: DAY1 });
    expect(await stores.papers.get('2599.99999')).toBeNull();
  });

  it('merges a known paper: richer fields win, first-seen time stays', async () => {
    const arxiv = makePaper({ id: '2599.00002', version: 1, abstract: 'Short.', categories: ['cs.LG', 'stat.ML'], sources: ['arxiv'] });
    await stores.papers.upsertMany([arxiv], DAY1);
    const hf = makePaper({
      id: '2599.00002',
      version: 2,
      title: 'Revised title',
      abstract: 'A longer revised abstract.',
      categories: [],
      sources: ['hf'],
      hfDate: '2026-03-11',
      upvotes: 30,
      aiKeywords: ['pruning'],
      authors: ['Ada Fixture'],
    });
    expect(await stores.papers.upsertMany([hf], DAY2)).toEqual({ added: 0, updated: 1 });
    const stored = await stores.papers.get('2599.00002');
    expect(stored).toMatchObject({
      version: 2,
      title: 'Revised title',
      abstract: 'A longer revised abstract.',
      upvotes: 30,
      hfDate: '2026-03-11',
      aiKeywords: ['pruning'],
      categories: ['cs.LG', 'stat.ML'],
      sources: ['arxiv', 'hf'],
      authors: arxiv.authors,
      firstSeenAt: DAY1,
    });
    // A later, poorer record (fewer upvotes, no HF data) takes nothing away.
    await stores.papers.upsertMany([{ ...arxiv, upvotes: 2 }], '2026-03-12T08:00:00.000Z');
    expect(await stores.papers.get('2599.00002')).toEqual(stored);
  });

  it('finds the papers dated a day: by HF day, else by arXiv publication day', async () => {
    const onHf = makePaper({ hfDate: '2026-03-09', publishedAt: '2026-03-05T10:00:00.000Z' });
    const arxivOnly = makePaper({ hfDate: null, publishedAt: '2026-03-09T23:59:00.000Z' });
    const hfOtherDay = makePaper({ hfDate: '2026-03-10', publishedAt: '2026-03-09T10:00:00.000Z' });
    const other = makePaper({ hfDate: null, publishedAt: '2026-03-08T10:00:00.000Z' });
    await stores.papers.upsertMany([onHf, arxivOnly, hfOtherDay, other], DAY2);
    expect((await stores.papers.datedOn('2026-03-09')).map((p) => p.id).sort()).toEqual([onHf.id, arxivOnly.id].sort());
    expect(await stores.papers.datedOn('2026-03-07')).toEqual([]);
  });

  it('counts a batch with the same paper twice as one addition', async () => {
    const a = makePaper({ id: '2599.00003', upvotes: 1 });
    const b = makePaper({ id: '2599.00003', upvotes: 5 });
    expect(await stores.papers.upsertMany([a, b, makePaper({ id: '2599.00004' })], DAY1)).toEqual({ added: 2, updated: 0 });
    expect((await stores.papers.get('2599.00003'))?.upvotes).toBe(5);
    expect(await stores.papers.count()).toBe(2);
  });

  it('finds papers first seen in a half-open window', async () => {
    await stores.papers.upsertMany([makePaper({ id: '2599.00010' })], '2026-03-09T23:59:59.999Z');
    await stores.papers.upsertMany([makePaper({ id: '2599.00011' })], '2026-03-10T00:00:00.000Z');
    await stores.papers.upsertMany([makePaper({ id: '2599.00012' })], '2026-03-10T12:00:00.000Z');
    await stores.papers.upsertMany([makePaper({ id: '2599.00013' })], '2026-03-11T00:00:00.000Z');
    const got = await stores.papers.firstSeenBetween('2026-03-10T00:00:00.000Z', '2026-03-11T00:00:00.000Z');
    expect(got.map((p) => p.id)).toEqual(['2599.00011', '2599.00012']);
    // A re-fetch does not move a paper into a later window.
    await stores.papers.upsertMany([makePaper({ id: '2599.00011', upvotes: 99 })], '2026-03-12T00:00:00.000Z');
    expect((await stores.papers.firstSeenBetween('2026-03-12T00:00:00.000Z', '2026-03-13T00:00:00.000Z')).length).toBe(0);
    expect((await stores.papers.firstSeenBetween('0000', '9999')).length).toBe(4);
  });

  it('an empty batch changes nothing', async () => {
    expect(await stores.papers.upsertMany([], DAY1)).toEqual({ added: 0, updated: 0 });
    expect(await stores.papers.count()).toBe(0);
  });
});
