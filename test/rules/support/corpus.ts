import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { silentLogger } from '../../../src/log.js';
import type { Paper } from '../../../src/papers/paper.js';
import { foldWord } from '../../../src/rules/fold.js';
import { parseHfItems } from '../../../src/sources/hf-parse.js';
import { createRng } from '../../../src/learn/eval/prng.js';

const SAMPLE = fileURLToPath(new URL('../../../data/sample/papers.json', import.meta.url));

/** The 57 real Daily Papers entries of the seed page, as the HF source parses them. */
export function seedPapers(): Paper[] {
  const raw: unknown = JSON.parse(readFileSync(SAMPLE, 'utf8'));
  if (!Array.isArray(raw)) throw new TypeError(`${SAMPLE} is not a JSON array`);
  return parseHfItems(raw, '2025-12-09', silentLogger()).items;
}

/** Deterministic PRNG so benchmark and tests see the same papers every run: the evaluation's mulberry32 as a bare function. */
export function rng(seed: number): () => number {
  const r = createRng(seed);
  return () => r.next();
}

export function pick<T>(r: () => number, xs: readonly T[]): T {
  const x = xs[Math.floor(r() * xs.length)];
  if (x === undefined) throw new RangeError('pick from an empty list');
  return x;
}

/**
 * Word-bigram chains over seed texts: one per seed paper and one over all.
 * A generated paper walks its "home" seed's chain mostly, so it stays about
 * one topic (as papers do) while word order stays realistic.
 */
class Chain {
  private readonly next = new Map<string, string[]>();
  readonly starts: string[] = [];
  constructor(texts: readonly string[]) {
    for (const t of texts) {
      const words = t.split(/\s+/).filter(Boolean);
      if (words[0]) this.starts.push(words[0]);
      for (let i = 0; i + 1 < words.length; i++) {
        const w = words[i] as string;
        const list = this.next.get(w);
        if (list) list.push(words[i + 1] as string);
        else this.next.set(w, [words[i + 1] as string]);
      }
    }
  }
  follow(w: string): string[] | undefined {
    return this.next.get(w);
  }
}

function walk(r: () => number, home: Chain, all: Chain, words: number): string {
  const out: string[] = [];
  let w = pick(r, home.starts);
  while (out.length < words) {
    out.push(w);
    const options = r() < 0.95 ? (home.follow(w) ?? all.follow(w)) : all.follow(w);
    w = options && r() < 0.97 ? pick(r, options) : pick(r, r() < 0.8 ? home.starts : all.starts);
  }
  return out.join(' ');
}

const CATEGORIES = ['cs.LG', 'cs.CL', 'cs.CV', 'cs.AI', 'cs.RO', 'stat.ML', 'eess.SP', 'cs.IR', 'cs.NE', 'math.OC'];
export const FIRST_NAMES = [
  'Ada',
  'Ivo',
  'Hana',
  'Jun',
  'Kai',
  'Lea',
  'Milo',
  'Noor',
  'Omar',
  'Pia',
  'Quin',
  'Rosa',
  'Sami',
  'Tove',
  'Uma',
  'Vera',
  'Wim',
  'Xia',
  'Yuri',
  'Zoe',
];
export const LAST_NAMES = [
  'Fixture',
  'Sample',
  'Placeholder',
  'Seedling',
  'Stub',
  'Dummy',
  'Mock',
  'Example',
  'Testcase',
  'Harness',
  'Probe',
  'Shim',
  'Sketch',
  'Draft',
  'Proxy',
  'Model',
  'Token',
  'Vector',
  'Tensor',
  'Kernel',
];

/** `n` generated papers with seed-like titles (8-14 words) and abstracts (150-260 words). */
export function generatePapers(n: number, seed = 1): Paper[] {
  const papers = seedPapers();
  const titles = new Chain(papers.map((p) => p.title));
  const abstracts = new Chain(papers.map((p) => p.abstract));
  const homes = papers.map((p) => ({ title: new Chain([p.title]), abstract: new Chain([p.abstract]) }));
  const keywords = papers.flatMap((p) => p.aiKeywords);
  const r = rng(seed);
  const out: Paper[] = [];
  for (let i = 0; i < n; i++) {
    const home = pick(r, homes);
    out.push({
      id: `2599.${String(i + 1).padStart(5, '0')}`,
      version: 1,
      title: walk(r, home.title, titles, 8 + Math.floor(r() * 7)),
      abstract: walk(r, home.abstract, abstracts, 150 + Math.floor(r() * 110)),
      authors: Array.from({ length: 1 + Math.floor(r() * 6) }, () => `${pick(r, FIRST_NAMES)} ${pick(r, LAST_NAMES)}`),
      publishedAt: '2025-12-08T00:00:00.000Z',
      hfDate: r() < 0.5 ? '2025-12-09' : null,
      upvotes: r() < 0.5 ? Math.floor(r() * 80) : null,
      aiSummary: null,
      aiKeywords: keywords.length ? Array.from({ length: Math.floor(r() * 4) }, () => pick(r, keywords)) : [],
      codeUrl: null,
      projectUrl: null,
      numComments: null,
      imageUrl: null,
      categories: [pick(r, CATEGORIES)],
      sources: ['arxiv'],
    });
  }
  return out;
}

const STOP = new Set('a an and are as at be by for from has have in into is it its of on or that the their this to we with which our can not'.split(' '));

/**
 * Topic phrases (1-3 content words) of the seed titles and abstracts: what
 * people write rules about. They must be topical (in at most 2 of the 57 seed
 * papers; single words 5+ letters), as nobody subscribes a channel to "results".
 */
export function seedPhrases(): string[] {
  const df = new Map<string, number>();
  const grams = new Set<string>();
  for (const p of seedPapers()) {
    const inPaper = new Set<string>();
    for (const text of [p.title, p.abstract]) {
      const words = text
        .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
        .split(/\s+/)
        .filter(Boolean);
      for (let i = 0; i < words.length; i++) {
        for (let len = 1; len <= 3 && i + len <= words.length; len++) {
          const gram = words.slice(i, i + len);
          const first = (gram[0] as string).toLowerCase();
          const last = (gram[gram.length - 1] as string).toLowerCase();
          if (STOP.has(first) || STOP.has(last) || last.length < 3 || !/^\p{L}/u.test(first) || !/^\p{L}/u.test(last)) continue;
          const g = gram.join(' ').toLowerCase();
          grams.add(g);
          inPaper.add(gram.map(foldWord).join(' '));
        }
      }
    }
    for (const g of inPaper) df.set(g, (df.get(g) ?? 0) + 1);
  }
  const folded = (g: string): string => g.split(' ').map(foldWord).join(' ');
  return [...grams].filter((g) => (g.includes(' ') || g.length >= 5) && (df.get(folded(g)) ?? 0) <= 2).sort();
}
