import { describe, expect, it } from 'vitest';
import { describeMatch } from '../../src/rules/explain.js';
import { createRuleEngine } from '../../src/rules/rule-engine.js';
import { makePaper } from '../support/papers.js';
import { harness, items } from './harness.js';

describe('/papers why names the spelling that matched', () => {
  it('a compound, a British spelling and an author typed with an initial, each said as matched', async () => {
    const h = harness({ engine: createRuleEngine(), describeMatch });
    const paper = makePaper({
      title: 'Colour Constancy with Pre-trained Vision Models',
      abstract: 'We adapt pre-trained models to estimate the illuminant.',
      authors: ['Samy Bengio', 'Yoshua Bengio'],
    });
    await h.addPapers([paper]);
    for (const rule of ['pretrained', 'color', 'author:"Y. Bengio"', 'title:constancy']) await h.run(`subscribe ${rule}`);
    const r = await h.run(`why ${paper.id}`);
    expect(items(r)).toEqual([
      'pretrained: "pretrained" in title: "Colour Constancy with Pre-trained Vision Models" (matched "Pre-trained" as "pretrained")',
      'color: "color" in title: "Colour Constancy with Pre-trained Vision Models" (matched "Colour" as "color")',
      'author:"Y. Bengio": author:"Y. Bengio" in authors: "Samy Bengio | Yoshua Bengio" (matched "Yoshua Bengio" as author:"Y. Bengio")',
      'title:constancy: title:constancy in title: "Colour Constancy with Pre-trained Vision Models"',
    ]);
  });
});
