import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRule } from '../../src/rules/parser.js';
import { createRuleEngine } from '../../src/rules/rule-engine.js';
import { ruleArbitraries } from './support/arbitraries.js';
import { referenceMatches } from './support/reference.js';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 300);

// The spellings of issue 15 and their near misses, so random rules and papers meet them: compounds every way,
// British and American, irregular and ambiguous plurals, Greek letters spelled and written, TeX, ligatures.
const { paperArb, ruleText } = ruleArbitraries({
  words: [
    'pre-trained',
    'pretrained',
    'pre',
    'trained',
    'multimodal',
    'multi',
    'modal',
    'data',
    'set',
    'dataset',
    'colour',
    'color',
    'coloured',
    'analyses',
    'analysis',
    'analyse',
    'bases',
    'base',
    'basis',
    'matrices',
    'matrix',
    'β',
    'beta',
    '$\\beta$',
    'VAE',
    'ε',
    'epsilon',
    '\\emph{graph}',
    'graph',
    'neural',
    'network',
    'GNN',
    'ﬁne',
    'fine',
    'tuning',
    'finetuning',
    'optimal',
    'optimisation',
    'optimization',
    'tour',
    'large',
    'language',
    'model',
    'MLLM',
  ],
  separators: [' ', ' ', '-', '\u2010', '\u2013', '\u00a0', '\u00ad', '. ', ' (', ') ', '/'],
  authors: [
    'Santosh S. Vempala',
    'Santosh Vempala',
    'Yoshua Bengio',
    'Samy Bengio',
    'Y. Bengio',
    'Jürgen Müller',
    'Juergen Mueller',
    'Jean-Baptiste Mouret',
    'Klaus M\\"uller',
  ],
  fixedTerms: [
    'author:"Y. Bengio"',
    'author:"Santosh Vempala"',
    'author:"Santosh S. Vempala"',
    'author:mueller',
    'author:"Jürgen Müller"',
    'author:"J. B. Mouret"',
    'author:bengio',
    'category:cs.LG',
  ],
});

describe('with every spelling variant, the compiled index agrees with the reference evaluation', () => {
  it('returns exactly the rules the reference says match', () => {
    const engine = createRuleEngine();
    fc.assert(
      fc.property(fc.array(ruleText, { minLength: 1, maxLength: 12 }), fc.array(paperArb, { minLength: 1, maxLength: 6 }), (texts, papers) => {
        const rules = texts.map((text, i) => ({ id: `r${i}`, text }));
        const compiled = engine.compile(rules);
        for (const p of papers) {
          const got = compiled
            .match(p)
            .map((m) => m.ruleId)
            .sort();
          const want = rules
            .filter((r) => {
              const parsed = parseRule(r.text);
              return parsed.ok && referenceMatches(parsed.rule, p);
            })
            .map((r) => r.id)
            .sort();
          expect(got).toEqual(want);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('gives the same matches, scores and explanations (variants named) one paper at a time and in a batch', () => {
    const engine = createRuleEngine();
    fc.assert(
      fc.property(fc.array(ruleText, { minLength: 1, maxLength: 8 }), fc.array(paperArb, { minLength: 1, maxLength: 40 }), (texts, papers) => {
        const compiled = engine.compile(texts.map((text, i) => ({ id: `r${i}`, text })));
        const view = (m: { ruleId: string; score: number; titleHit: boolean; hits: readonly unknown[] }): string =>
          JSON.stringify([m.ruleId, m.score, m.titleHit, m.hits]);
        expect(compiled.matchAll(papers).map((ms) => ms.map(view).sort())).toEqual(papers.map((p) => compiled.match(p).map(view).sort()));
      }),
      { numRuns: 100 },
    );
  });

  it('the random papers and rules meet often enough for the comparison to mean something', () => {
    const [texts] = fc.sample(fc.array(ruleText, { minLength: 30, maxLength: 30 }), { numRuns: 1, seed: 3 });
    const papers = fc.sample(paperArb, { numRuns: 200, seed: 5 });
    const compiled = createRuleEngine().compile((texts ?? []).map((text, i) => ({ id: `r${i}`, text })));
    const matches = papers.flatMap((p) => compiled.match(p));
    expect(matches.length).toBeGreaterThan(200);
    // Some of them through a spelling other than the rule's.
    expect(matches.filter((m) => m.hits.some((h) => h.variant !== undefined)).length).toBeGreaterThan(20);
  });
});
