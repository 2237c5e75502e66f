import { describe, expect, it } from 'vitest';
import { COMPOUNDS, deriveCompounds } from '../../src/rules/compounds.js';
import { foldWord } from '../../src/rules/fold.js';
import { createRuleEngine } from '../../src/rules/rule-engine.js';
import { seedPapers } from './support/corpus.js';
import { paper } from './support/paper.js';

describe('compounds a corpus shows both ways', () => {
  it('are known when written hyphenated and closed, in any inflection', () => {
    expect(deriveCompounds(['We use a tool-kit for parsing.', 'Our toolkits are open.'])).toEqual(['tool-kit']);
    expect(deriveCompounds(['Net‐lists (with U+2010) and netlist files'])).toEqual(['net-lists']);
  });

  it('are not known from one spelling alone, from two adjacent words, or inside a longer hyphenated chain', () => {
    expect(deriveCompounds(['a tool-kit', 'another tool-kit'])).toEqual([]);
    expect(deriveCompounds(['the data set', 'the dataset'])).toEqual([]);
    expect(deriveCompounds(['state-of-the-art results', 'stateof results', 'ofthe art'])).toEqual([]);
    expect(deriveCompounds(['a net work', 'a network'])).toEqual([]);
  });

  it('from the 57 real Daily Papers entries bundled as the sample: what they show both ways is on the curated list, but a method name', () => {
    const texts = seedPapers().flatMap((p) => [p.title, p.abstract, ...p.aiKeywords]);
    const derived = deriveCompounds(texts);
    expect(derived).toEqual(['non-linear', 'pre-training', 'fine-tuned', 'speed-ups', 'pre-processing', 'sub-network', 'mix-ln']);
    expect(derived.filter((w) => COMPOUNDS.partsOf(foldWord(w.replace('-', ''))) === undefined)).toEqual(['mix-ln']);
  });

  it('join in an engine given them, and only there', () => {
    const derived = deriveCompounds(['We use a tool-kit for parsing.', 'Our toolkit is open.']);
    const p = paper({ abstract: 'a small tool kit for proofs' });
    expect(
      createRuleEngine({ compounds: derived })
        .compile([{ id: 'r', text: 'toolkit' }])
        .match(p),
    ).toHaveLength(1);
    expect(
      createRuleEngine()
        .compile([{ id: 'r', text: 'toolkit' }])
        .match(p),
    ).toHaveLength(0);
    // The curated ones still join in such an engine.
    expect(
      createRuleEngine({ compounds: derived })
        .compile([{ id: 'r', text: 'pretrained' }])
        .match(paper({ abstract: 'pre-trained' })),
    ).toHaveLength(1);
  });
});
