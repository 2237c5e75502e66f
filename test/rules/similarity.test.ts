import { describe, expect, it } from 'vitest';
import { findSimilar } from '../../src/rules/similarity.js';
import { seedPapers } from './support/corpus.js';
import { paper } from './support/paper.js';

describe('findSimilar', () => {
  const seed = seedPapers();
  const isPruning = (t: string): boolean => /prun/i.test(t);

  it('puts pruning papers nearest to a pruning paper among the seed papers', () => {
    const target = seed.find((p) => p.title.includes('Random Pruning'));
    if (!target) throw new Error('seed lacks the Random Pruning paper');
    const others = seed.filter((p) => p !== target && isPruning(p.title));
    expect(others.length).toBeGreaterThanOrEqual(3);
    const top = findSimilar(target, seed, 5);
    expect(top).toHaveLength(5);
    expect(isPruning(top[0]?.paper.title ?? '')).toBe(true);
    expect(top.filter((s) => isPruning(s.paper.title)).length).toBeGreaterThanOrEqual(3);
    expect(top.map((s) => s.paper.id)).not.toContain(target.id);
  });

  it('orders by descending score, skips the target and papers sharing no word', () => {
    const target = paper({ title: 'Sparse mixture of experts routing', abstract: 'Expert routing for sparse models.' });
    const corpus = [
      target,
      paper({ title: 'Routing experts in sparse mixtures', abstract: 'Sparse expert routing.' }),
      paper({ title: 'Protein folding', abstract: 'Amino acid chains fold.' }),
      paper({ title: 'Expert systems', abstract: 'Rules written by experts.' }),
    ];
    const got = findSimilar(target, corpus, 10);
    expect(got.map((s) => s.paper.title)).toEqual(['Routing experts in sparse mixtures', 'Expert systems']);
    expect(got[0]?.score ?? 0).toBeGreaterThan(got[1]?.score ?? 1);
    expect(got.every((s) => s.score > 0 && s.score <= 1 + 1e-9)).toBe(true);
  });

  it('returns at most k and nothing for k = 0 or an empty corpus', () => {
    const target = seed[0];
    if (!target) throw new Error('no seed');
    expect(findSimilar(target, seed, 3)).toHaveLength(3);
    expect(findSimilar(target, seed, 0)).toEqual([]);
    expect(findSimilar(target, [], 5)).toEqual([]);
  });
});
