import type { RuleInput } from '../../../src/rules/engine.js';
import { FIRST_NAMES, LAST_NAMES, pick, rng } from './corpus.js';
import { seedTerms } from './terms.js';

/** How often each form of rule is drawn (out of 100); exported so the benchmark can print the mix. */
export const RULE_MIX: readonly [form: string, weight: number][] = [
  ['topic term of the channel', 58],
  ['popular term (shared across channels)', 4],
  ['"quoted phrase"', 6],
  ['term -exclusion', 5],
  ['popular AND topic', 5],
  ['(topic OR topic) -exclusion', 4],
  ['title:term', 5],
  ['abstract:/keywords: "phrase"', 3],
  ['author:"First Last"', 3],
  ['topic OR topic', 3],
  ['category:cs.LG AND topic', 2],
  ['upvotes>=N AND popular', 2],
];

/**
 * `count` rules spread over `channels` channels (ids "c<channel>-r<k>"), the
 * way people write them: each channel follows one topic (a seed paper) and
 * draws most rules from that topic's phrases and terms, some from a short list
 * of popular terms (acronyms such as LLM or GNN, "neural network", "pruning")
 * whose popularity falls off like Zipf's law, so many channels share them; a
 * minority use operators and fields. A channel holds no rule twice.
 */
export function generateRules(count: number, channels: number, seed = 7): RuleInput[] {
  const r = rng(seed);
  const { popular, byTopic } = seedTerms();
  const zipf = popular.map((_, i) => 1 / (i + 3));
  const zipfTotal = zipf.reduce((s, w) => s + w, 0);
  const pop = (): string => {
    let x = r() * zipfTotal;
    for (let i = 0; i < zipf.length; i++) {
      x -= zipf[i] as number;
      if (x < 0) return popular[i] as string;
    }
    return popular[0] as string;
  };
  const exclusion = (): string => (r() < 0.5 ? 'survey' : (pick(r, pick(r, byTopic)).split(' ')[0] ?? 'survey'));
  const mixTotal = RULE_MIX.reduce((s, [, w]) => s + w, 0);
  const draw = (topic: readonly string[], phrases: readonly string[]): string => {
    // People subscribe to phrases more than to single words: "network pruning" over "pruning".
    const t = (): string => (r() < 0.7 && phrases.length > 0 ? pick(r, phrases) : pick(r, topic));
    const either = (): string => (r() < 0.85 ? t() : pop());
    let x = r() * mixTotal;
    let form = 0;
    for (;;) {
      x -= (RULE_MIX[form] as [string, number])[1];
      if (x < 0 || form >= RULE_MIX.length - 1) break;
      form++;
    }
    switch (form) {
      case 0:
        return t();
      case 1:
        return pop();
      case 2:
        return `"${t()}"`;
      case 3:
        return `${either()} -${exclusion()}`;
      case 4:
        return `${pop()} AND ${t()}`;
      case 5:
        return `(${t()} OR ${t()}) -${exclusion()}`;
      case 6:
        return `title:${either()}`;
      case 7:
        return `${r() < 0.5 ? 'abstract' : 'keywords'}:"${t()}"`;
      case 8:
        return `author:"${pick(r, FIRST_NAMES)} ${pick(r, LAST_NAMES)}"`;
      case 9:
        return `${t()} OR ${t()}`;
      case 10:
        return `category:cs.LG AND ${t()}`;
      default:
        return `upvotes>=${10 + Math.floor(r() * 50)} AND ${pop()}`;
    }
  };
  const perChannel = Math.ceil(count / channels);
  const out: RuleInput[] = [];
  for (let c = 0; c < channels && out.length < count; c++) {
    const topic = pick(r, byTopic);
    const phrases = topic.filter((x) => x.includes(' '));
    const mine = new Set<string>();
    for (let k = 0; k < perChannel && out.length < count; k++) {
      let text = draw(topic, phrases);
      for (let tries = 0; mine.has(text) && tries < 20; tries++) text = draw(topic, phrases);
      mine.add(text);
      out.push({ id: `c${c}-r${k}`, text });
    }
  }
  return out;
}
