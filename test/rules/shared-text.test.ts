import { describe, expect, it } from 'vitest';
import { createRuleEngine } from '../../src/rules/rule-engine.js';
import { paper } from './support/paper.js';

const p = paper({ title: 'Network Pruning via Architecture Search', abstract: 'We prune large language models (LLMs).' });

describe('rules whose text several channels share', () => {
  it('each copy is its own match, with the same score, title flag and hits', () => {
    const compiled = createRuleEngine().compile([
      { id: 'a', text: 'pruning' },
      { id: 'b', text: 'LLM -survey' },
      { id: 'c', text: 'pruning' },
      { id: 'd', text: 'LLM -survey' },
      { id: 'e', text: 'diffusion' },
    ]);
    const byId = new Map(compiled.match(p).map((m) => [m.ruleId, m]));
    expect([...byId.keys()].sort()).toEqual(['a', 'b', 'c', 'd']);
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((id) => byId.get(id));
    expect({ score: a?.score, titleHit: a?.titleHit }).toEqual({ score: 5, titleHit: true });
    expect({ score: c?.score, titleHit: c?.titleHit }).toEqual({ score: 5, titleHit: true });
    expect({ score: b?.score, titleHit: b?.titleHit }).toEqual({ score: 1, titleHit: false });
    expect(d?.titleHit).toBe(false);
    expect(c?.hits).toEqual(a?.hits);
    expect(a?.hits.map((h) => h.field)).toEqual(['title', 'abstract']);
    expect(d?.hits).toEqual([{ term: 'LLM', field: 'abstract', snippet: 'We prune large language models (LLMs).' }]);
  });

  it('assigning hits to one copy leaves the others alone', () => {
    const compiled = createRuleEngine().compile([
      { id: 'a', text: 'pruning' },
      { id: 'b', text: 'pruning' },
    ]);
    const [first, second] = compiled.match(p);
    if (!first || !second) throw new Error('expected two matches');
    first.hits = [];
    expect(first.hits).toEqual([]);
    expect(second.hits).toHaveLength(2);
  });

  it('a text that does not parse is reported for every rule holding it, and the rest still match', () => {
    const compiled = createRuleEngine().compile([
      { id: 'x', text: '(pruning' },
      { id: 'y', text: 'pruning' },
      { id: 'z', text: '(pruning' },
    ]);
    expect(compiled.invalid.map((i) => i.id).sort()).toEqual(['x', 'z']);
    expect(compiled.ruleCount).toBe(1);
    expect(compiled.match(p).map((m) => m.ruleId)).toEqual(['y']);
  });

  it('a second compile of the same engine gives the same matches (parsed texts are reused)', () => {
    const engine = createRuleEngine();
    const rules = [
      { id: 'a', text: 'title:pruning' },
      { id: 'b', text: 'LLM AND prune' },
    ];
    const once = engine
      .compile(rules)
      .match(p)
      .map((m) => [m.ruleId, m.score]);
    expect(
      engine
        .compile(rules)
        .match(p)
        .map((m) => [m.ruleId, m.score]),
    ).toEqual(once);
    expect(once).toHaveLength(2);
  });
});
