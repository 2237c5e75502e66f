import { describe, expect, it } from 'vitest';
import type { Paper } from '../../src/papers/paper.js';
import { createRuleEngine } from '../../src/rules/rule-engine.js';
import { paper } from './support/paper.js';

const engine = createRuleEngine();

function matches(rule: string, p: Paper): boolean {
  const check = engine.check(rule);
  if (!check.ok) throw new Error(`rule "${rule}" did not parse: ${check.message}`);
  return engine.compile([{ id: 'r', text: rule }]).match(p).length === 1;
}

type Case = [rule: string, text: string, expected: boolean];

// text goes into the abstract; the title stays neutral.
const cases: Record<string, Case[]> = {
  'case and accents': [
    ['PRUNING', 'we study pruning', true],
    ['pruning', 'We Study PRUNING', true],
    ['Schrödinger', 'a schrodinger bridge', true],
    ['schrodinger', 'a Schrödinger bridge', true],
    ['Erdős', 'the erdos renyi graph', true],
  ],
  'whole words': [
    ['prune', 'Prunella vulgaris grows', false],
    ['net', 'a residual network', false],
    ['graph', 'paragraphs of text', false],
  ],
  'inflection folding': [
    ['pruning', 'networks are pruned', true],
    ['pruned', 'we prune weights', true],
    ['prune', 'magnitude pruning', true],
    ['prunes', 'one pruning step', true],
    ['networks', 'a network', true],
    ['network', 'deep networks', true],
    ['model', "the model's outputs", true],
    ['study', 'prior studies show', true],
    ['diffusion', 'diffusive transport', false],
    ['diffusive', 'diffusion models', false],
  ],
  separators: [
    ['graph-neural-network', 'a graph neural network', true],
    ['graph neural network', 'a graph-neural-network', true],
    ['Sim-to-Real', 'sim to real transfer', true],
    ['sim to real', 'Sim-to-Real transfer', true],
    ['encoder decoder', 'an encoder/decoder model', true],
    ['graph neural network', 'a graph neural\nnetwork on chips', true],
  ],
  phrases: [
    ['graph neural network', 'a neural network on a graph', false],
    ['neural graph', 'graph neural models', false],
    ['graph neural network', 'a graph. Neural networks follow', false],
    ['"mixture of experts"', 'a sparse mixture of experts layer', true],
    ['"mixture of experts"', 'a mixture of many experts', false],
    ['"AND OR"', 'AND OR gates', true],
  ],
  operators: [
    ['pruning AND transformer', 'pruning a transformer', true],
    ['pruning AND transformer', 'pruning a CNN', false],
    ['pruning transformer', 'pruning a transformer', false],
    ['pruning OR quantization', 'post-training quantization', true],
    ['pruning OR quantization', 'distillation only', false],
    ['diffusion -survey', 'diffusion models', true],
    ['diffusion -survey', 'a survey of diffusion models', false],
    ['diffusion NOT survey', 'a survey of diffusion models', false],
    ['(reinforcement learning OR RLHF) -robotics', 'reinforcement learning for games', true],
    ['(reinforcement learning OR RLHF) -robotics', 'we apply RLHF to chat', true],
    ['(reinforcement learning OR RLHF) -robotics', 'reinforcement learning in robotics', false],
    ['(reinforcement learning OR RLHF) -robotics', 'learning reinforcement', false],
    ['diffusion -(survey OR review)', 'a review of diffusion', false],
    ['a and b', 'a and b', true],
  ],
  acronyms: [
    ['GNN', 'graph neural networks for molecules', true],
    ['graph neural network', 'we train GNNs', true],
    ['graph neural network pruning', 'GNN pruning', true],
    ['GNN pruning', 'graph neural network pruning', true],
    ['LLM', 'multi-agent LLMs', true],
    ['LLM', 'an llm agent', false],
    ['large language models', 'LLM-based agents', true],
    ['RAG', 'a rag doll', false],
    ['RAG', 'retrieval-augmented generation', true],
    ['ViT', 'vision transformers', true],
    ['mixture of experts', 'sparse MoE layers', true],
    ['llm', 'LLMs reason', true],
  ],
};

describe('rule language', () => {
  for (const [group, rows] of Object.entries(cases)) {
    describe(group, () => {
      it.each(rows)('%j on %j → %s', (rule, text, expected) => {
        expect(matches(rule, paper({ abstract: text }))).toBe(expected);
      });
    });
  }
});

describe('fields', () => {
  const p = paper({
    title: 'Random Pruning at Scale',
    abstract: 'We study sparse training. Yann LeCun is cited here.',
    authors: ['Yann LeCun', 'Ada Fixture'],
    categories: ['cs.LG', 'stat.ML'],
    upvotes: 12,
    aiKeywords: ['mixture of experts', 'hallucinations'],
  });
  it.each([
    ['title:pruning', true],
    ['title:"sparse training"', false],
    ['abstract:"sparse training"', true],
    ['abstract:pruning', false],
    ['title:(pruning OR sparsity)', true],
    ['author:"Yann LeCun"', true],
    ['author:lecun', true],
    ['author:"LeCun Ada"', false],
    ['author:"sparse training"', false],
    ['category:cs.LG', true],
    ['category:cs.lg', true],
    ['category:cs.CV', false],
    ['category:cs', true],
    ['category:stat', true],
    ['category:st', false],
    ['upvotes>=12', true],
    ['upvotes>=13', false],
    ['upvotes >= 5 AND pruning', true],
    ['hallucination', true],
    ['keywords:"mixture of experts"', true],
    ['keywords:pruning', false],
    ['MoE', true],
    ['"experts hallucinations"', false],
  ])('%j → %s', (rule, expected) => {
    expect(matches(rule, p)).toBe(expected);
  });

  it('an author rule never matches text that only names the author', () => {
    expect(matches('author:"Yann LeCun"', paper({ title: 'Yann LeCun', abstract: 'by Yann LeCun', authors: ['Ada Fixture'] }))).toBe(false);
  });

  it('upvotes>=N never matches a paper without HF upvotes', () => {
    expect(matches('upvotes>=0', paper({ upvotes: null }))).toBe(false);
  });
});
