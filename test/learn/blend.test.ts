import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { learnedOrder, rankScores, ruleScores } from '../../src/learn/blend.js';
import type { ChannelModel } from '../../src/learn/model.js';
import type { Paper } from '../../src/papers/paper.js';
import { makePaper } from '../support/papers.js';

/** A model whose probabilities are given per paper id. */
function fakeModel(p: Record<string, number>, over: Partial<ChannelModel> = {}): ChannelModel {
  return {
    positives: 10,
    negatives: 10,
    explicitNegatives: 10,
    ready: true,
    evidence: 1,
    probability: (paper: Paper) => p[paper.id] ?? 0.5,
    topTerms: () => [],
    similarLiked: () => [],
    ...over,
  };
}

const items = (n: number) => Array.from({ length: n }, (_, i) => ({ paper: makePaper({ id: `2599.${String(i).padStart(5, '0')}` }), i }));
const ids = (xs: readonly { paper: Paper }[]) => xs.map((x) => x.paper.id);
const base = { learn: true, threshold: null, exploreSlot: false, limit: 3 };

describe('learnedOrder', () => {
  it('keeps the rule order exactly when learning is off, there is no model, or it is not ready', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.boolean(), fc.double({ min: 0, max: 1, noNaN: true }), (n, explore, th) => {
        const list = items(n);
        const reverse = fakeModel(Object.fromEntries(list.map((x) => [x.paper.id, x.i / Math.max(1, n)])));
        const opts = { ...base, exploreSlot: explore, threshold: th };
        for (const r of [
          learnedOrder(list, null, opts),
          learnedOrder(list, reverse, { ...opts, learn: false }),
          learnedOrder(list, { ...reverse, ready: false, evidence: 0 }, opts),
        ]) {
          expect(r.ordered).toEqual(list);
          expect(r.dropped).toEqual([]);
          expect(r.explored).toBeNull();
        }
      }),
    );
  });

  it('a confident model reorders; a weak one moves less', () => {
    const list = items(5);
    const p = { '2599.00000': 0.1, '2599.00001': 0.2, '2599.00002': 0.3, '2599.00003': 0.4, '2599.00004': 0.9 };
    expect(ids(learnedOrder(list, fakeModel(p), base).ordered)[0]).toBe('2599.00004');
    // At a small evidence the rules still lead.
    expect(ids(learnedOrder(list, fakeModel(p, { evidence: 0.1 }), base).ordered)[0]).toBe('2599.00000');
  });

  it('drops papers under the threshold and keeps the rest', () => {
    const list = items(4);
    const r = learnedOrder(list, fakeModel({ '2599.00001': 0.05, '2599.00003': 0.1 }), { ...base, threshold: 0.2 });
    expect(ids(r.dropped)).toEqual(['2599.00001', '2599.00003']);
    expect(ids(r.ordered).sort()).toEqual(['2599.00000', '2599.00002']);
  });

  it('gives the last shown slot to the most uncertain paper that would not have been shown', () => {
    const list = items(6);
    const p = { '2599.00000': 0.9, '2599.00001': 0.85, '2599.00002': 0.8, '2599.00003': 0.7, '2599.00004': 0.52, '2599.00005': 0.1 };
    const plain = learnedOrder(list, fakeModel(p), base);
    expect(ids(plain.ordered).slice(0, 3)).toEqual(['2599.00000', '2599.00001', '2599.00002']);
    const r = learnedOrder(list, fakeModel(p), { ...base, exploreSlot: true });
    expect(ids(r.ordered).slice(0, 3)).toEqual(['2599.00000', '2599.00001', '2599.00004']);
    expect(r.explored?.paper.id).toBe('2599.00004');
    expect(r.ordered).toHaveLength(6);
  });

  it('does not explore when everything fits or the digest has one slot', () => {
    const list = items(3);
    expect(learnedOrder(list, fakeModel({}), { ...base, exploreSlot: true }).explored).toBeNull();
    expect(learnedOrder(items(5), fakeModel({ '2599.00003': 0.5 }), { ...base, limit: 1, exploreSlot: true }).explored).toBeNull();
  });

  it('papers the rules rank equally are ordered by the model alone', () => {
    const list = items(4);
    const p = { '2599.00000': 0.2, '2599.00001': 0.4, '2599.00002': 0.6, '2599.00003': 0.8 };
    const r = learnedOrder(list, fakeModel(p, { evidence: 0.1 }), { ...base, ruleTie: () => true });
    expect(ids(r.ordered)).toEqual(['2599.00003', '2599.00002', '2599.00001', '2599.00000']);
  });
});

describe('scores', () => {
  it('rule scores fall from 1 to 0 and ties share their mean', () => {
    expect(ruleScores(['a', 'b', 'c'])).toEqual([1, 0.5, 0]);
    expect(ruleScores(['a', 'b', 'c', 'd', 'e'], (x, y) => x !== 'a' && y !== 'e')).toEqual([1, 0.5, 0.5, 0.5, 0]);
  });

  it('rank scores put the highest value at 1 and ties together', () => {
    expect(rankScores([0.2, 0.9, 0.5])).toEqual([0, 1, 0.5]);
    expect(rankScores([0.3, 0.3, 0.1])).toEqual([0.75, 0.75, 0]);
    expect(rankScores([0.4])).toEqual([1]);
  });
});
