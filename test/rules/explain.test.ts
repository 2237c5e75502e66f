import { describe, expect, it } from 'vitest';
import { describeMatch } from '../../src/rules/explain.js';
import { RULES_HELP } from '../../src/rules/help.js';
import { rankChannelMatches } from '../../src/rules/rank.js';
import { createRuleEngine } from '../../src/rules/rule-engine.js';
import { seedPapers } from './support/corpus.js';
import { paper } from './support/paper.js';

const engine = createRuleEngine();

describe('matches explain themselves', () => {
  const pruning = paper({
    title: 'The Unreasonable Effectiveness of Random Pruning',
    abstract: `${'Sparse training has a long history. '.repeat(6)}Random pruning at initialization can be quite powerful for the sparse training of modern networks. ${'We report results. '.repeat(6)}`,
    authors: ['Ada Fixture'],
    categories: ['cs.LG'],
    upvotes: 42,
  });

  it('names the term, the field and a short snippet around it', () => {
    const [m] = engine.compile([{ id: '1', text: 'pruning' }]).match(pruning);
    expect(m?.titleHit).toBe(true);
    expect(m?.hits).toEqual([
      { term: 'pruning', field: 'title', snippet: 'The Unreasonable Effectiveness of Random Pruning' },
      expect.objectContaining({ term: 'pruning', field: 'abstract' }),
    ]);
    const abs = m?.hits[1]?.snippet ?? '';
    expect(abs).toContain('Random pruning at initialization');
    expect(abs.length).toBeLessThanOrEqual(122);
    expect(abs.startsWith('…')).toBe(true);
    expect(describeMatch('pruning', m ?? { ruleId: '', score: 0, titleHit: false, hits: [] })).toBe(
      '"pruning" in title: "The Unreasonable Effectiveness of Random Pruning"',
    );
  });

  it('lists only terms that count: excluded terms never appear, categories and upvotes do', () => {
    const [m] = engine.compile([{ id: '1', text: 'sparse training -survey category:cs upvotes>=40' }]).match(pruning);
    expect(m?.hits.map((h) => [h.term, h.field])).toEqual([
      ['sparse training', 'abstract'],
      ['category:cs', 'category'],
      ['upvotes>=40', 'upvotes'],
    ]);
    expect(describeMatch('x', m ?? { ruleId: '', score: 0, titleHit: false, hits: [] })).toBe(
      '"sparse training" in abstract: "Sparse training has a long history. Sparse training has a long history. Sparse training has a long history. Sparse…"; category:cs (cs.LG); upvotes>=40 (42 upvotes)',
    );
  });

  it('serialises with its hits', () => {
    const [m] = engine.compile([{ id: '1', text: 'title:pruning' }]).match(pruning);
    expect(JSON.parse(JSON.stringify(m))).toEqual({
      ruleId: '1',
      score: 4,
      titleHit: true,
      hits: [{ term: 'title:pruning', field: 'title', snippet: pruning.title }],
    });
  });

  it('describes a match without hits by its rule', () => {
    expect(describeMatch('a  rule\n', { ruleId: '1', score: 0, titleHit: false, hits: [] })).toBe('matched "a rule"');
  });
});

describe('ranking', () => {
  it('puts title hits first, then more rules matched, then upvotes', () => {
    const rules = [
      { id: 'a', text: 'pruning' },
      { id: 'b', text: 'sparse' },
    ];
    const compiled = engine.compile(rules);
    const titled = paper({ title: 'Pruning', abstract: 'nothing else', upvotes: 0 });
    const both = paper({ title: 'Other', abstract: 'pruning and sparse', upvotes: 1 });
    const oneLoud = paper({ title: 'Other', abstract: 'pruning', upvotes: 90 });
    const oneQuiet = paper({ title: 'Other', abstract: 'pruning', upvotes: 3 });
    const ranked = rankChannelMatches([oneQuiet, oneLoud, both, titled].map((p) => ({ paper: p, matches: compiled.match(p) })));
    expect(ranked.map((r) => r.paper.id)).toEqual([titled.id, both.id, oneLoud.id, oneQuiet.id]);
  });
});

describe('help text', () => {
  it('fits one Discord message and shows each part of the language', () => {
    expect(RULES_HELP.length).toBeLessThan(1800);
    for (const part of ['AND', 'OR', 'NOT', '-', '"mixture of experts"', 'title:', 'abstract:', 'author:', 'category:', 'upvotes>=', 'GNN', 'LLMs']) {
      expect(RULES_HELP).toContain(part);
    }
  });

  it('every example rule in the help text parses', () => {
    for (const example of [
      'pruning AND transformer',
      'diffusion -survey',
      '(reinforcement learning OR RLHF) -robotics',
      'graph neural network',
      '"mixture of experts"',
      'author:"Yann LeCun"',
      'category:cs.LG',
      'upvotes>=20',
    ]) {
      expect(RULES_HELP).toContain(example);
      expect(engine.check(example)).toEqual({ ok: true });
    }
  });

  it('the seed papers parse into fixture papers the tests rely on', () => {
    expect(seedPapers()).toHaveLength(57);
  });
});
