import { foldWord } from './fold.js';

/**
 * Common ML acronyms and what they stand for. A rule using either form also
 * matches papers using only the other. In paper text an acronym matches only
 * as written here (case-sensitive), with an optional plural "s": "LLMs".
 */
export const ACRONYMS: Readonly<Record<string, string>> = {
  AI: 'artificial intelligence',
  ASR: 'automatic speech recognition',
  CNN: 'convolutional neural network',
  CoT: 'chain of thought',
  DPO: 'direct preference optimization',
  GAN: 'generative adversarial network',
  GNN: 'graph neural network',
  ICL: 'in context learning',
  KD: 'knowledge distillation',
  KG: 'knowledge graph',
  LLM: 'large language model',
  LoRA: 'low rank adaptation',
  LSTM: 'long short term memory',
  MARL: 'multi agent reinforcement learning',
  MLLM: 'multimodal large language model',
  MoE: 'mixture of experts',
  NAS: 'neural architecture search',
  NeRF: 'neural radiance field',
  NLP: 'natural language processing',
  OCR: 'optical character recognition',
  PEFT: 'parameter efficient fine tuning',
  PPO: 'proximal policy optimization',
  RAG: 'retrieval augmented generation',
  RL: 'reinforcement learning',
  RLHF: 'reinforcement learning from human feedback',
  RNN: 'recurrent neural network',
  SSM: 'state space model',
  TTS: 'text to speech',
  VAE: 'variational autoencoder',
  ViT: 'vision transformer',
  VLA: 'vision language action',
  VLM: 'vision language model',
  VQA: 'visual question answering',
};

export interface AcronymEntry {
  name: string;
  /** The expansion as written: "graph neural network". */
  long: string;
  /** The expansion as folded terms: ["graph", "neural", "network"]. */
  expansion: string[];
}

const byName = new Map<string, AcronymEntry>();
const byLower = new Map<string, AcronymEntry>();
for (const [name, long] of Object.entries(ACRONYMS)) {
  const entry = { name, long, expansion: long.split(' ').map(foldWord) };
  byName.set(name, entry);
  byLower.set(name.toLowerCase(), entry);
}
export const ACRONYM_ENTRIES: readonly AcronymEntry[] = [...byName.values()];

/** Paper side: the acronym a word is, exactly as written ("LLM", "LLMs"), or null. */
export function acronymInText(word: string): string | null {
  if (byName.has(word)) return word;
  if (word.length > 2 && word.endsWith('s')) {
    const base = word.slice(0, -1);
    if (byName.has(base)) return base;
  }
  return null;
}

/** Rule side: any case names the acronym ("llm", "LLMs"), since the rule's author means the acronym. */
export function acronymInRule(word: string): AcronymEntry | null {
  const lower = word.toLowerCase();
  const hit = byLower.get(lower);
  if (hit) return hit;
  if (lower.length > 2 && lower.endsWith('s')) return byLower.get(lower.slice(0, -1)) ?? null;
  return null;
}

/** Index key of an acronym; the NUL keeps it apart from every folded word. */
export function acronymKey(name: string): string {
  return `\u0000${name}`;
}
