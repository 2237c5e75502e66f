import { describe, expect, it } from 'vitest';
import { CompoundLearner } from '../../src/rules/compound-learner.js';
import { createRuleEngine } from '../../src/rules/rule-engine.js';
import { paper } from './support/paper.js';

const hyphenated = paper({ id: '2599.80001', title: 'A tool-kit for sparse attention' });
const closed = paper({ id: '2599.80002', title: 'Sparse attention toolkits compared' });
const open = paper({ id: '2599.80003', title: 'We give a tool kit for pruning' });

describe('compounds learnt from the stored papers', () => {
  it('knows a compound once papers write it both ways, and forgets it when either leaves', () => {
    const learner = new CompoundLearner();
    learner.added([hyphenated]);
    expect(learner.compounds()).toEqual([]);
    learner.added([closed]);
    expect(learner.compounds()).toEqual(['tool-kit']);
    learner.removed([closed]);
    expect(learner.compounds()).toEqual([]);
  });

  it('keeps handing out the same list while nothing changes, so the engine does not rebuild its lexicon', () => {
    const learner = new CompoundLearner();
    learner.added([hyphenated, closed]);
    const first = learner.compounds();
    learner.added([paper({ id: '2599.80004', title: 'Nothing hyphenated here' })]);
    expect(learner.compounds()).toBe(first);
  });

  it('an open form is not evidence: "tool kit" and "toolkit" alone teach nothing', () => {
    const learner = new CompoundLearner();
    learner.added([open, closed]);
    expect(learner.compounds()).toEqual([]);
  });

  it('the engine follows the learner: "toolkit" matches "tool-kit" and "tool kit" once learnt, not before', () => {
    const learner = new CompoundLearner();
    const engine = createRuleEngine({ compounds: () => learner.compounds() });
    const rules = [{ id: 'r', text: 'toolkit' }];
    const matchedIds = () =>
      engine
        .compile(rules)
        .matchAll([hyphenated, open])
        .map((m) => m.length);
    expect(matchedIds()).toEqual([0, 0]);
    learner.added([hyphenated, closed]);
    expect(matchedIds()).toEqual([1, 1]);
    // and the explanation, parsed again with the same compounds, names the spelling it found
    const [hit] = engine.compile(rules).match(hyphenated);
    expect(hit?.hits.find((h) => h.field === 'title')?.variant).toBe('tool-kit');
  });

  it('a near miss stays apart: "network" is not "net work" however often both are written', () => {
    const learner = new CompoundLearner();
    learner.added([paper({ id: '2599.80005', title: 'A network for nets' }), paper({ id: '2599.80006', title: 'The net work of a day' })]);
    const engine = createRuleEngine({ compounds: () => learner.compounds() });
    expect(engine.compile([{ id: 'r', text: 'network' }]).match(paper({ title: 'The net work of a day' }))).toEqual([]);
  });
});
