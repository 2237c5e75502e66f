import { describe, expect, it } from 'vitest';
import { parseRule, type TermMemo } from '../../src/rules/parser.js';

// Texts sharing terms in different contexts: the same body as a default term, a field term and an author name.
const TEXTS = [
  'GNN pruning',
  'GNN pruning -survey',
  'title:"GNN pruning"',
  'author:"GNN pruning"',
  'author:(Yann LeCun)',
  '"Yann LeCun"',
  'graph neural networks AND LLM',
  '(graph neural networks OR RLHF) -robotics',
  'keywords:diffusion',
  'category:cs.LG AND diffusion',
  'upvotes>=10 AND diffusion',
  'title:',
  '(pruning',
  'author:"" pruning',
];

describe('parsing with a term memo shared across rules', () => {
  it('gives the same rule or error as parsing each text alone, in any order', () => {
    for (const order of [TEXTS, [...TEXTS].reverse()]) {
      const memo: TermMemo = new Map();
      for (const t of order) expect(parseRule(t, memo)).toEqual(parseRule(t));
    }
  });

  it('keeps author names apart from the same words as a phrase', () => {
    const memo: TermMemo = new Map();
    const phrase = parseRule('"Yann LeCun"', memo);
    const author = parseRule('author:"Yann LeCun"', memo);
    if (!phrase.ok || !author.ok || phrase.rule.kind !== 'text' || author.rule.kind !== 'text') throw new Error('expected two text terms');
    expect(author.rule.alts).not.toEqual(phrase.rule.alts);
    expect(author.rule.fields).toEqual(['authors']);
  });
});
