import { describe, expect, it } from 'vitest';
import { createRuleEngine } from '../../src/rules/rule-engine.js';

const engine = createRuleEngine();

describe('rules that cannot be parsed say where and what was expected', () => {
  it.each([
    ['(pruning', /expected "\)" to close "\(" at 0/, 8],
    ['diffusion AND (a OR (b AND c)', /expected "\)" to close "\(" at 14/, 29],
    ['pruning)', /unexpected "\)" at 7/, 7],
    ['"mixture of experts', /expected '"' to close the quote opened at 0/, 19],
    ['AND pruning', /expected a term before "AND" at 0/, 0],
    ['pruning AND', /expected a term after "AND"/, 11],
    ['pruning OR', /expected a term after "OR"/, 10],
    ['pruning OR OR sparsity', /expected a term before "OR" at 11/, 11],
    ['pruning -', /expected a term after "-" at 8/, 8],
    ['-survey', /only of exclusions/, 0],
    ['NOT survey', /only of exclusions/, 0],
    ['diffusion OR -survey', /only of exclusions/, 0],
    ['', /empty/, 0],
    ['   ', /empty/, 0],
    ['()', /expected a term inside "\(" at 1/, 1],
    ['auther:lecun', /unknown field "auther:" at 0/, 0],
    ['title:', /expected a term after "title:"/, 6],
    ['title: )', /expected a term after "title:"/, 7],
    ['upvotes>5', /expected "upvotes>=N"/, 0],
    ['upvotes>=many', /expected "upvotes>=N"/, 0],
    ['category:"cs LG"', /expected one arXiv category/, 10],
    ['🚀', /expected a word with letters or digits at 0/, 0],
    ['a '.repeat(1001), /at most 2000 characters/, 2000],
    [`${'('.repeat(60)}a${')'.repeat(60)}`, /nested too deeply/, 40],
  ])('%j', (rule, message, position) => {
    const r = engine.check(rule);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toMatch(message);
    expect(r.position).toBe(position);
  });

  it.each(['pruning', 'AgentsNet: coordination', 'title: pruning', 'diffusion -survey', '“mixture of experts”', 'upvotes>=50', 'a-b/c'])(
    'accepts %j',
    (rule) => {
      expect(engine.check(rule)).toEqual({ ok: true });
    },
  );

  it('skips a bad rule at compile time instead of failing the others', () => {
    const compiled = engine.compile([
      { id: 'bad', text: '(oops' },
      { id: 'good', text: 'oops' },
    ]);
    expect(compiled.invalid.map((i) => i.id)).toEqual(['bad']);
    expect(compiled.ruleCount).toBe(1);
  });
});
