import { ACRONYMS } from '../../../src/rules/acronyms.js';
import type { RuleInput } from '../../../src/rules/engine.js';
import { FIRST_NAMES, LAST_NAMES, pick, rng, seedPhrases } from './corpus.js';

/**
 * `count` rules spread over `channels` channels (ids "c<channel>-r<k>") in the
 * mix people write: mostly one topic phrase, then exclusions, conjunctions,
 * groups, fields, acronyms and popularity filters.
 */
export function generateRules(count: number, channels: number, seed = 7): RuleInput[] {
  const r = rng(seed);
  const phrases = seedPhrases();
  const acronyms = Object.keys(ACRONYMS);
  const topic = (): string => pick(r, phrases);
  const forms: (() => string)[] = [
    topic, topic, topic, topic, topic, topic,
    () => `"${topic()}"`,
    () => `${topic()} AND ${topic()}`,
    () => `${topic()} -${pick(r, phrases).split(' ')[0] ?? 'survey'}`,
    () => `(${topic()} OR ${topic()}) -survey`,
    () => `title:${topic()}`,
    () => `${pick(r, acronyms)} AND ${topic()}`,
    () => `category:cs.LG AND ${topic()}`,
    () => `upvotes>=${10 + Math.floor(r() * 50)} AND ${topic()}`,
    () => `author:"${pick(r, FIRST_NAMES)} ${pick(r, LAST_NAMES)}" OR ${topic()}`,
    () => (r() < 0.2 ? pick(r, acronyms) : `title:${pick(r, acronyms)}`),
  ];
  const out: RuleInput[] = [];
  for (let i = 0; i < count; i++) out.push({ id: `c${i % channels}-r${Math.floor(i / channels)}`, text: pick(r, forms)() });
  return out;
}
