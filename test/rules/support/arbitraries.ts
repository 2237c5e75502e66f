import fc from 'fast-check';
import type { Paper } from '../../../src/papers/paper.js';
import { paper } from './paper.js';

export interface Vocabulary {
  /** Words of titles, abstracts, keywords and rule phrases: small, so random rules and papers actually meet. */
  words: readonly string[];
  /** What goes between two words of a paper's text. */
  separators: readonly string[];
  authors: readonly string[];
  /** Author, category and upvotes terms the rules draw from. */
  fixedTerms: readonly string[];
}

/** Random papers and random rule texts over one small vocabulary, for the property tests comparing the index with the reference. */
export function ruleArbitraries(v: Vocabulary): { paperArb: fc.Arbitrary<Paper>; ruleText: fc.Arbitrary<string> } {
  const word = fc.constantFrom(...v.words);
  const text = fc
    .array(fc.tuple(word, fc.constantFrom(...v.separators)), { minLength: 0, maxLength: 25 })
    .map((parts) => parts.map(([w, s]) => w + s).join(''));
  const paperArb = fc
    .record({
      title: text,
      abstract: text,
      aiKeywords: fc.array(
        fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(' ')),
        { maxLength: 3 },
      ),
      authors: fc.array(fc.constantFrom(...v.authors), { maxLength: 2 }),
      categories: fc.array(fc.constantFrom('cs.LG', 'cs.CV', 'stat.ML'), { maxLength: 2 }),
      upvotes: fc.option(fc.nat(30), { nil: null }),
    })
    .map((f): Paper => paper(f));

  const phrase = fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));
  const leaf = fc.oneof(
    { weight: 5, arbitrary: phrase },
    { weight: 2, arbitrary: phrase.map((p) => `"${p}"`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('title:', 'abstract:', 'keywords:'), phrase).map(([f, p]) => `${f}"${p}"`) },
    { weight: 1, arbitrary: fc.constantFrom(...v.fixedTerms) },
  );
  const ruleText: fc.Arbitrary<string> = fc.letrec<{ rule: string }>((tie) => ({
    rule: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.tuple(tie('rule'), tie('rule')).map(([a, b]) => `(${a}) AND (${b})`),
      fc.tuple(tie('rule'), tie('rule')).map(([a, b]) => `(${a}) OR (${b})`),
      fc.tuple(tie('rule'), tie('rule')).map(([a, b]) => `(${a}) -(${b})`),
    ),
  })).rule;
  return { paperArb, ruleText };
}
