import { describe, expect, it } from 'vitest';
import type { StoredPaper } from '../../src/papers/paper.js';
import { SimilarIndex } from '../../src/rules/similar-index.js';
import { findSimilar } from '../../src/rules/similarity.js';
import { generatePapers } from './support/corpus.js';

const stored = (n: number, seed: number, at: string): StoredPaper[] =>
  generatePapers(n, seed).map((p, i) => ({ ...p, id: `${seed}.${String(i).padStart(5, '0')}`, firstSeenAt: at }));

/** The index must say what findSimilar says over the same papers: it only avoids redoing the work. */
function expectSame(index: SimilarIndex, corpus: readonly StoredPaper[], target: StoredPaper, got: Awaited<ReturnType<SimilarIndex['similarTo']>>): void {
  const want = findSimilar(target, corpus, 5);
  expect(got.map((s) => s.paper.id)).toEqual(want.map((s) => s.paper.id));
  for (const [i, s] of got.entries()) expect(s.score).toBeCloseTo(want[i]?.score ?? Number.NaN, 9);
  expect(index.size).toBe(corpus.length);
}

describe('the similarity index', () => {
  it('ranks and scores like findSimilar over the papers it holds', async () => {
    const corpus = stored(250, 7, '2026-03-01T00:00:00.000Z');
    const index = new SimilarIndex();
    index.added(corpus);
    for (const target of corpus.slice(0, 10)) expectSame(index, corpus, target, await index.similarTo(target, 5));
  });

  it('stays right as papers arrive and leave the window', async () => {
    const first = stored(150, 3, '2026-02-01T00:00:00.000Z');
    const later = stored(150, 4, '2026-03-01T00:00:00.000Z');
    const index = new SimilarIndex();
    index.added(first);
    index.added(later);
    index.removed(first.slice(0, 120));
    const corpus = [...first.slice(120), ...later];
    for (const target of [later[0], later[7], first[130]] as StoredPaper[]) expectSame(index, corpus, target, await index.similarTo(target, 5));
    // The removed papers are never answered.
    const ids = new Set(first.slice(0, 120).map((p) => p.id));
    for (const target of later.slice(0, 20)) for (const s of await index.similarTo(target, 5)) expect(ids.has(s.paper.id)).toBe(false);
  });

  it('never answers the target itself, and nothing for a paper sharing no words', async () => {
    const corpus = stored(50, 9, '2026-03-01T00:00:00.000Z');
    const index = new SimilarIndex();
    index.added(corpus);
    const target = corpus[0] as StoredPaper;
    expect((await index.similarTo(target, 50)).some((s) => s.paper.id === target.id)).toBe(false);
    expect(await index.similarTo({ ...target, id: 'x', title: 'zzzq', abstract: 'qqqz', aiKeywords: [] }, 5)).toEqual([]);
  });
});
