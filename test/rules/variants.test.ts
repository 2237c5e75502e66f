import { describe, expect, it } from 'vitest';
import type { Paper } from '../../src/papers/paper.js';
import { describeMatch } from '../../src/rules/explain.js';
import { RULES_HELP } from '../../src/rules/help.js';
import { createRuleEngine } from '../../src/rules/rule-engine.js';
import { paper } from './support/paper.js';

const engine = createRuleEngine();

function matches(rule: string, p: Paper): boolean {
  const check = engine.check(rule);
  if (!check.ok) throw new Error(`rule "${rule}" did not parse: ${check.message}`);
  return engine.compile([{ id: 'r', text: rule }]).match(p).length === 1;
}

type Case = [rule: string, text: string, expected: boolean];

// Each equivalence with its match and the near miss that must stay apart; text goes into the abstract.
const cases: Record<string, Case[]> = {
  'compounds: closed, hyphenated and open are one word': [
    ['pretrained', 'we fine-tune pre-trained models', true],
    ['pretrained', 'pre trained weights', true],
    ['pre-trained', 'pretrained language models', true],
    ['pre trained', 'pretrained weights', true],
    ['pretraining', 'during pre-training', true],
    ['multimodal', 'a multi-modal fusion module', true],
    ['multi-modal', 'a multimodal benchmark', true],
    ['dataset', 'a new data set', true],
    ['data set', 'the datasets we release', true],
    ['self-attention', 'selfattention layers', true],
    ['selfattention', 'self attention on long inputs', true],
    ['end-to-end', 'trained end to end', true],
    ['end to end', 'end-to-end training', true],
    ['fine-tuning', 'finetuning vision transformers', true],
    ['finetuned', 'fine-tuned models', true],
    ['hyperparameter optimization', 'hyper-parameter optimisation', true],
    ['pretrained language models', 'pre-trained language models', true],
    ['MLLM', 'multi-modal large language models', true],
    ['multiagent reinforcement learning', 'MARL agents', true],
    ['datacenter', 'hyperscale data centres', true],
    // No rule glues two words the lexicon does not name, nor a compound across a sentence.
    ['network', 'a net work of roads', false],
    ['toolkit', 'a tool kit', false],
    ['dataset', 'on the data. Set theory follows', false],
    ['pretrained', 'pre and trained', false],
    ['multimodal', 'multimodel ensembles', false],
    ['keypoint', 'the key point is speed', false],
  ],
  'British and American spelling, for the words of a curated list': [
    ['regularization', 'with regularisation', true],
    ['regularisation', 'implicit regularization', true],
    ['normalize', 'features are normalised', true],
    ['analyze', 'we analyse the errors', true],
    ['analysed', 'errors were analyzed', true],
    ['color', 'colour constancy', true],
    ['colour', 'plausible colors', true],
    ['colorization', 'image colourisation', true],
    ['behavior cloning', 'behaviour cloning', true],
    ['neighborhood', 'a local neighbourhood', true],
    ['labeled data', 'labelled data', true],
    ['modeling', 'language modelling', true],
    ['traveling salesman', 'the travelling salesman problem', true],
    ['center', 'the centre of mass', true],
    ['centered', 'centred kernels', true],
    ['tumor segmentation', 'brain tumour segmentation', true],
    ['optimization', 'convex optimisation', true],
    ['program', 'a research programme', true],
    ['grayscale', 'greyscale images', true],
    ['artifacts', 'compression artefacts', true],
    ['learned', 'learnt representations', true],
    ['distill', 'we distil the teacher', true],
    // Only listed words change; derivations stay apart.
    ['optimization', 'optimal transport', false],
    ['optimal', 'convex optimisation', false],
    ['tor', 'a tour of the field', false],
    ['tour', 'traffic over Tor', false],
    ['four', 'for all inputs', false],
    ['contour', 'contor', false],
    ['controlled', 'controled', false],
    ['acre', 'acer', false],
    ['regular', 'regularisation', false],
    ['behavior', 'behavioural economics', false],
  ],
  'irregular plurals of the field’s vocabulary': [
    ['matrix', 'covariance matrices', true],
    ['matrices', 'a covariance matrix', true],
    ['index', 'Sobol indices', true],
    ['vertex', 'graph vertices', true],
    ['analysis', 'sensitivity analyses', true],
    ['criterion', 'stopping criteria', true],
    ['phenomenon', 'emergent phenomena', true],
    ['corpus', 'multilingual corpora', true],
    ['corpora', 'a text corpus', true],
    ['data', 'each datum is labelled', true],
    ['basis', 'orthonormal bases', true],
    ['base', 'knowledge bases', true],
    ['radius', 'the radii of balls', true],
    ['schema', 'database schemata', true],
    ['approach', 'recent approaches', true],
    ['patch', 'image patches', true],
    ['cache', 'KV caches', true],
    ['compute', 'we computed the loss', true],
    // An ambiguous plural matches both words, but the words stay apart from each other.
    ['basis', 'a base model', false],
    ['base', 'a basis of the space', false],
    ['analysis', 'we analyze it', false],
    ['index', 'an indicator', false],
    ['rate', 'a rat model', false],
    ['plane', 'a plan', false],
    ['note', 'not this one', false],
    ['diffusion', 'diffusive transport', false],
    ['prune', 'Prunella vulgaris grows', false],
  ],
  'Greek letters spelled or written': [
    ['β-VAE', 'a beta-VAE', true],
    ['beta-VAE', 'a β-VAE', true],
    ['λ-return', 'the lambda-return', true],
    ['ε-greedy', 'epsilon-greedy exploration', true],
    ['epsilon-greedy', 'ϵ-greedy exploration', true],
    ['ε-greedy', '$\\epsilon$-greedy exploration', true],
    ['ε-greedy', '$\\varepsilon$-greedy exploration', true],
    ['α', 'an alpha of 0.1', true],
    ['β-VAE', 'a b-VAE', false],
    ['ν', 'a v-shaped curve', false],
    ['eta', 'a beta prior', false],
  ],
  'typography and TeX, read as a reader sees them': [
    ['fine-tuning', 'parameter-efficient ﬁne-tuning', true],
    ['efficient', 'an eﬃcient method', true],
    ['pretrained', 'pre\u00adtrained models', true],
    ['optimization', 'convex opti\u00admization', true],
    ['pretrained', 'pre\u200btrained models', true],
    ['pre-trained', 'pre\u2011trained models', true],
    ['pre-trained', 'pre\u2010trained models', true],
    ['sim to real', 'Sim–to–Real transfer', true],
    ['sim-to-real', 'sim—to—real transfer', true],
    ['k-means', 'scalable $k$-means clustering', true],
    ['k-means', 'robust k\u2010means++ seeding', true],
    ['graph neural network', 'a \\emph{graph} neural network', true],
    ['dataset distillation', 'known as {\\em dataset distillation}', true],
    ['L1 regularization', 'sparse $\\ell_1$-regularization', true],
    ['L1', 'an $L_1$ penalty', true],
    ['Erdős', "the Erd\\H{o}s--R\\'enyi model", true],
    ['"mixture of experts"', 'a “mixture of experts” layer', true],
    ['“mixture of experts”', 'a mixture of experts layer', true],
    ['‘graph neural network’', 'a graph neural network', true],
    ['model', 'the model’s output', true],
    ['graph neural network', 'a \\emph{graph}. Neural networks follow', false],
    ['pretrained language models', 'we use pre-trained. Language models follow', false],
    ['k-means', '$k$ and means', false],
    ['L1', 'an $L_2$ penalty', false],
    ['pretrained', 'pre\u00ad and trained', false],
  ],
};

describe('spelling variants', () => {
  for (const [group, rows] of Object.entries(cases)) {
    describe(group, () => {
      it.each(rows)('%j on %j → %s', (rule, text, expected) => {
        expect(matches(rule, paper({ abstract: text }))).toBe(expected);
      });
    });
  }
});

describe('author names as people type them', () => {
  it.each([
    ['author:"Santosh Vempala"', ['Yin Tat Lee', 'Santosh S. Vempala'], true],
    ['author:"Santosh S. Vempala"', ['Santosh Vempala'], true],
    ['author:"Santosh S. Vempala"', ['Santosh Srinivas Vempala'], true],
    ['author:"Y. Bengio"', ['Yoshua Bengio'], true],
    ['author:"Y Bengio"', ['Yoshua Bengio'], true],
    ['author:"Y. Bengio"', ['Y. Bengio'], true],
    ['author:"Jürgen Schmidhuber"', ['Juergen Schmidhuber'], true],
    ['author:"Juergen Schmidhuber"', ['Jürgen Schmidhuber'], true],
    ['author:"Jurgen Schmidhuber"', ['Jürgen Schmidhuber'], true],
    ['author:Joergensen', ['Anders Jørgensen'], true],
    ['author:Jorgensen', ['Anders Jørgensen'], true],
    ['author:Strauss', ['Johann Strauß'], true],
    ['author:Mueller', ['Klaus-Robert M\\"uller'], true],
    ['author:"Jean-Baptiste Mouret"', ['Jean Baptiste Mouret'], true],
    ['author:"Jean Baptiste Mouret"', ['Jean-Baptiste Mouret'], true],
    ['author:"J.-B. Mouret"', ['Jean-Baptiste Mouret'], true],
    ['author:"Ana García-Pérez"', ['Ana Garcia Perez'], true],
    ['author:"Ana Garcia"', ['Ana García-Pérez'], true],
    ['author:"Yann LeCun"', ['Yann André LeCun'], true],
    // Near misses: another Bengio, a full name against an initial, two authors, a name that only looks transliterated.
    ['author:"Y. Bengio"', ['Samy Bengio'], false],
    ['author:"Yoshua Bengio"', ['Y. Bengio'], false],
    ['author:"Santosh Vempala"', ['Santosh Kumar', 'Ravi Vempala'], false],
    ['author:"Santosh Vempala"', ['Vempala Santosh'], false],
    ['author:"Santosh Vempala"', ['Santosh A. B. C. Vempala'], false],
    ['author:"Wei Hu"', ['Wei Hue'], false],
    ['author:"Yu Chen"', ['Yue Chen'], false],
    ['author:Mueller', ['Hans Muller'], false],
  ])('%s on %j → %s', (rule, authors, expected) => {
    expect(matches(rule, paper({ authors }))).toBe(expected);
  });
});

describe('explanations name the variant that matched', () => {
  const explain = (rule: string, p: Paper): string => {
    const [m] = engine.compile([{ id: '1', text: rule }]).match(p);
    if (!m) throw new Error(`${rule} did not match`);
    return describeMatch(rule, m);
  };

  it('a compound written another way', () => {
    expect(explain('pretrained', paper({ abstract: 'We fine-tune pre-trained models.' }))).toBe(
      '"pretrained" in abstract: "We fine-tune pre-trained models." (matched "pre-trained" as "pretrained")',
    );
  });

  it('British spelling, a compound inside an acronym’s expansion, an author typed with an initial', () => {
    expect(explain('color', paper({ title: 'Colour Constancy' }))).toBe('"color" in title: "Colour Constancy" (matched "Colour" as "color")');
    expect(explain('MLLM', paper({ abstract: 'Multi-modal large language models.' }))).toBe(
      '"MLLM" in abstract: "Multi-modal large language models." (matched "Multi-modal large language models" as "MLLM")',
    );
    expect(explain('author:"Y. Bengio"', paper({ authors: ['Samy Bengio', 'Yoshua Bengio'] }))).toBe(
      'author:"Y. Bengio" in authors: "Samy Bengio | Yoshua Bengio" (matched "Yoshua Bengio" as author:"Y. Bengio")',
    );
  });

  it('TeX is shown as read, and case, accents, ligatures, inflection or an acronym spelled out are no variant', () => {
    expect(explain('GNN', paper({ abstract: 'Graph neural networks for molecules.' }))).toBe('"GNN" in abstract: "Graph neural networks for molecules."');
    expect(explain('k-means', paper({ abstract: 'Fast $k$-means.' }))).toBe('"k-means" in abstract: "Fast k-means."');
    expect(explain('pruning', paper({ title: 'Pruned Networks' }))).toBe('"pruning" in title: "Pruned Networks"');
    expect(explain('fine-tuning', paper({ title: 'Eﬃcient ﬁne-tuning' }))).toBe('"fine-tuning" in title: "Eﬃcient ﬁne-tuning"');
    expect(explain('Schrödinger', paper({ title: 'A Schrodinger Bridge' }))).toBe('"Schrödinger" in title: "A Schrodinger Bridge"');
  });

  it('keeps the variant on the hit itself, for whoever renders it', () => {
    const [m] = engine.compile([{ id: '1', text: 'title:"data set"' }]).match(paper({ title: 'A Dataset of Charts' }));
    expect(m?.hits).toEqual([{ term: 'title:"data set"', field: 'title', snippet: 'A Dataset of Charts', variant: 'Dataset' }]);
  });
});

describe('/papers help rules describes the variants', () => {
  it('names each kind with an example that parses, and stays one Discord message', () => {
    expect(RULES_HELP.length).toBeLessThan(1800);
    for (const part of [
      'pre-trained = pretrained = pre trained',
      'colour = color',
      'optimal ≠ optimization',
      'matrices = matrix',
      'β-VAE = beta-VAE',
      '$k$-means',
      'Müller = Mueller',
    ]) {
      expect(RULES_HELP).toContain(part);
    }
    for (const example of ['author:"Y. Bengio"', 'author:"Santosh Vempala"']) {
      expect(RULES_HELP).toContain(example);
      expect(engine.check(example)).toEqual({ ok: true });
    }
  });
});
