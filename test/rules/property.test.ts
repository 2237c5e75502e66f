import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRule } from '../../src/rules/parser.js';
import { createRuleEngine } from '../../src/rules/rule-engine.js';
import { ruleArbitraries } from './support/arbitraries.js';
import { referenceMatches } from './support/reference.js';

/** More runs while changing the index: PROPERTY_RUNS=5000 npx vitest run test/rules/property.test.ts */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 300);

// A small vocabulary so random rules and papers actually meet: inflections,
// acronyms and their expansions, accents, an author name.
const WORDS = [
  'graph',
  'graphs',
  'neural',
  'network',
  'networks',
  'pruning',
  'pruned',
  'prune',
  'diffusion',
  'diffusive',
  'GNN',
  'GNNs',
  'gnn',
  'LLM',
  'LLMs',
  'large',
  'language',
  'model',
  'models',
  'Schrödinger',
  'schrodinger',
  'survey',
  'of',
  'mixture',
  'experts',
  'MoE',
];
const SEPARATORS = [' ', ' ', ' ', '-', '/', '\n', '. ', ', ', ' (', ') '];

const { paperArb, ruleText } = ruleArbitraries({
  words: WORDS,
  separators: SEPARATORS,
  authors: ['Ada Fixture', 'Yann LeCun', 'Graph Network'],
  fixedTerms: ['author:"Yann LeCun"', 'author:fixture', 'category:cs.LG', 'category:stat', 'upvotes>=10'],
});

describe('the compiled index agrees with a term-by-term reference evaluation', () => {
  it('returns exactly the rules the reference says match, for random rule sets and papers', () => {
    const engine = createRuleEngine();
    fc.assert(
      fc.property(
        fc.array(ruleText, { minLength: 1, maxLength: 12 }),
        fc.nat(12),
        fc.array(paperArb, { minLength: 1, maxLength: 6 }),
        (texts, copies, papers) => {
          // Channels share rule texts: the first `copies` texts appear again under other ids.
          const rules = [...texts, ...texts.slice(0, copies)].map((text, i) => ({ id: `r${i}`, text }));
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
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('finds the same matches, scores, title flags and explanations one paper at a time and in a batch', () => {
    const engine = createRuleEngine();
    fc.assert(
      // Up to 70 papers: batch rows hold 32 papers per machine word, so the second and third words are exercised too.
      fc.property(
        fc.array(ruleText, { minLength: 1, maxLength: 8 }),
        fc.nat(4),
        fc.array(paperArb, { minLength: 1, maxLength: 70, size: 'max' }),
        (texts, copies, papers) => {
          const rules = [...texts, ...texts.slice(0, copies)].map((text, i) => ({ id: `r${i}`, text }));
          const compiled = engine.compile(rules);
          const view = (m: { ruleId: string; score: number; titleHit: boolean; hits: readonly unknown[] }): string =>
            JSON.stringify([m.ruleId, m.score, m.titleHit, m.hits]);
          const batch = compiled.matchAll(papers).map((ms) => ms.map(view).sort());
          expect(batch).toEqual(papers.map((p) => compiled.match(p).map(view).sort()));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('read rule by rule, a window gives each rule the matches match() gives it paper by paper', () => {
    const engine = createRuleEngine();
    fc.assert(
      fc.property(
        fc.array(ruleText, { minLength: 1, maxLength: 8 }),
        fc.nat(4),
        fc.array(paperArb, { minLength: 1, maxLength: 40 }),
        (texts, copies, papers) => {
          const rules = [...texts, ...texts.slice(0, copies), 'not a rule ('].map((text, i) => ({ id: `r${i}`, text }));
          const compiled = engine.compile(rules);
          const byRule = compiled.matchByRule(papers);
          const view = (paper: number, m: { ruleId: string; score: number; titleHit: boolean; hits: readonly unknown[] }): string =>
            JSON.stringify([paper, m.ruleId, m.score, m.titleHit, m.hits]);
          for (const r of [...rules, { id: 'unknown' }]) {
            const want = papers.flatMap((p, j) =>
              compiled
                .match(p)
                .filter((m) => m.ruleId === r.id)
                .map((m) => view(j, m)),
            );
            expect(byRule(r.id).map((h) => view(h.paper, h.match))).toEqual(want);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('a batch larger than one chunk of rows (1,024 papers) matches each paper as it would alone', () => {
    const engine = createRuleEngine();
    const [texts] = fc.sample(fc.array(ruleText, { minLength: 20, maxLength: 20 }), { numRuns: 1, seed: 7 });
    const papers = fc.sample(paperArb, { numRuns: 2_100, seed: 11 });
    const compiled = engine.compile((texts ?? []).map((text, i) => ({ id: `r${i}`, text })));
    const rows = compiled.matchBatch(papers);
    let matched = 0;
    papers.forEach((p, j) => {
      const alone = compiled
        .matchTexts(p)
        .map((t) => `${t.ruleIds.join()}:${t.score}:${t.titleHit}`)
        .sort();
      const inBatch: string[] = [];
      for (let i = rows.start[j] as number; i < (rows.start[j + 1] as number); i++)
        inBatch.push(`${rows.ruleIds(i).join()}:${rows.score(i)}:${rows.titleHit(i)}`);
      expect(inBatch.sort()).toEqual(alone);
      matched += alone.length;
    });
    // The sample must actually match something, or the comparison above proves nothing.
    expect(matched).toBeGreaterThan(500);
  });

  it('matchTexts, expanded to its rule ids, gives exactly what match gives', () => {
    const engine = createRuleEngine();
    fc.assert(
      fc.property(
        fc.array(ruleText, { minLength: 1, maxLength: 8 }),
        fc.nat(8),
        fc.array(paperArb, { minLength: 1, maxLength: 5 }),
        (texts, copies, papers) => {
          const rules = [...texts, ...texts.slice(0, copies)].map((text, i) => ({ id: `r${i}`, text }));
          const compiled = engine.compile(rules);
          const view = (m: { ruleId: string; score: number; titleHit: boolean; hits: readonly unknown[] }): string =>
            JSON.stringify([m.ruleId, m.score, m.titleHit, m.hits]);
          for (const p of papers) {
            const texts = compiled.matchTexts(p);
            // One entry per distinct text: no text is reported twice.
            expect(new Set(texts.map((t) => t.ruleIds[0])).size).toBe(texts.length);
            const expanded = texts.flatMap((t) => t.ruleIds.map((ruleId) => view({ ruleId, score: t.score, titleHit: t.titleHit, hits: t.hits })));
            expect(expanded.sort()).toEqual(compiled.match(p).map(view).sort());
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
