import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRuleEngine } from '../../src/rules/rule-engine.js';
import { paper } from './support/paper.js';

const engine = createRuleEngine();
// A hang guard, not a speed target: a check takes well under a millisecond, and a parser gone
// quadratic or worse on these inputs takes seconds. 50 ms flaked on a loaded 2-core machine.
const PER_INPUT_MS = 1000;

function checkBounded(text: string): void {
  const t0 = performance.now();
  const r = engine.check(text);
  const ms = performance.now() - t0;
  expect(ms).toBeLessThan(PER_INPUT_MS);
  if (!r.ok) {
    expect(r.message.length).toBeGreaterThan(0);
    expect(r.position).toBeGreaterThanOrEqual(0);
    expect(r.position).toBeLessThanOrEqual(text.length);
  }
  // Whatever check accepts must compile and match without throwing.
  if (r.ok) engine.compile([{ id: 'x', text }]).match(paper({ title: text.slice(0, 200), abstract: text }));
}

const hostile = fc.constantFrom(
  '(',
  ')',
  '"',
  '“',
  '”',
  '-',
  ':',
  'AND',
  'OR',
  'NOT',
  'title:',
  'author:',
  'category:',
  'upvotes>=',
  '>=',
  '\u0000',
  '\u0007',
  '\t',
  '\n',
  '\u202e',
  '🚀',
  '👩‍🔬',
  '\ud800',
  'é',
  ' ',
  ' ',
  'word',
  'GNN',
);
const hostileText = fc.array(hostile, { maxLength: 60 }).map((p) => p.join(''));

describe('parser fuzz: an error or a rule, never a throw or a hang', () => {
  it('random unicode strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        checkBounded(s);
      }),
      { numRuns: 1500 },
    );
  });

  it('hostile token soup: unbalanced quotes and parentheses, operators, control characters, emoji, lone surrogates', () => {
    fc.assert(
      fc.property(hostileText, (s) => {
        checkBounded(s);
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['10,000 characters of words', 'pruning '.repeat(1250)],
    ['10,000 opening parentheses', '('.repeat(10_000)],
    ['10,000 quotes', '"'.repeat(10_000)],
    ['10,000 minus signs', `${'-'.repeat(9_999)}a`],
    ['10,000 NOTs', 'NOT '.repeat(2_500)],
    ['deep nesting within the length limit', `${'('.repeat(999)}a${')'.repeat(999)}`],
    ['a long phrase of acronyms', 'GNN LLM RL MoE '.repeat(120)],
    ['a 1,999-character word', 'a'.repeat(1999)],
  ])('%s', (_name, text) => {
    checkBounded(text);
  });

  it('long acronym phrases stay bounded when accepted', () => {
    const r = engine.check('GNN LLM RL MoE ViT RAG GNN LLM RL MoE ViT RAG');
    expect(r.ok).toBe(true);
    const compiled = engine.compile([{ id: 'x', text: 'GNN LLM RL MoE ViT RAG GNN LLM RL MoE ViT RAG' }]);
    expect(compiled.match(paper({ abstract: 'GNN LLM RL MoE ViT RAG GNN LLM RL MoE ViT RAG' }))).toHaveLength(1);
  });
});
