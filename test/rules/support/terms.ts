import { ACRONYMS } from '../../../src/rules/acronyms.js';
import { foldWord } from '../../../src/rules/fold.js';
import { seedPapers } from './corpus.js';

/** Never inside a rule phrase: function words. */
const STOP = new Set(
  (
    'a an and are as at be by for from has have in into is it its of on or that the their this to we with which our can not ' +
    'these those such than then there they them both each also only more most very while when where how what who via using used use ' +
    'without within between across through over under about after before beyond against toward towards versus vs all any some other'
  ).split(' '),
);
/** Words nobody subscribes to on their own, nor starts or ends a topic phrase with. */
const GENERIC = new Set(
  (
    'paper propose proposed proposes approach approaches method methods result results show shows shown demonstrate ' +
    'demonstrates novel new existing work works based achieve achieves achieved improve improves improved performance significant ' +
    'significantly state different various several however further first second well make makes made provide provides study studies ' +
    'present presents introduce introduces task tasks problem problems framework data model models large small high low large-scale ' +
    'effective efficient simple general specific important key main often many much number set way ways able ability given including ' +
    'even still thus hence here non one two three across like same strong better best previous recent recently current potential'
  ).split(' '),
);

/** Fine inside a phrase ("neural network"), but nobody subscribes to them alone. */
const NOT_ALONE = new Set(
  'network networks neural learning deep random single scalable complex dynamic diverse trained training develop developing sizes scale processed dataset analysis research limit error development testing information parameters strategy language image layer layers prediction predictions convolutional architecture benchmark benchmarks'
    .split(' ')
    .map(foldWord),
);
/** Adjectives that leave a phrase unfinished ("deep neural"). */
const NOT_LAST = new Set('neural deep convolutional large scalable recurrent generative trained multiple perspective'.split(' '));

/** 20% of the 57 seeds. */
const MAX_POPULAR_DF = 11;

const words = (text: string): string[] => text.split(/[^\p{L}\p{N}-]+/u).filter((w) => w !== '' && !/^-|-$/.test(w));
/** Rules are written in lower case, except names written with inner capitals (GaSNet, TCNCA). */
const asWritten = (w: string): string => (/\p{Lu}.*\p{Lu}/u.test(w) ? w : w.toLowerCase());
const isContent = (w: string): boolean => !STOP.has(w.toLowerCase()) && /^\p{L}/u.test(w);
const canEdge = (w: string): boolean => isContent(w) && !GENERIC.has(w.toLowerCase()) && !/ly$/i.test(w) && w.length >= 3;
const fold = (gram: readonly string[]): string => gram.map((w) => w.toLowerCase().split('-').map(foldWord).join(' ')).join(' ');

/** Content-word n-grams (1-3 words) whose edges can carry a topic: what a rule phrase looks like. */
function grams(ws: readonly string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ws.length; i++) {
    for (let n = 1; n <= 3 && i + n <= ws.length; n++) {
      const g = ws.slice(i, i + n);
      if (!g.every(isContent) || !canEdge(g[0] as string)) break;
      if (!canEdge(g[n - 1] as string) || NOT_LAST.has((g[n - 1] as string).toLowerCase())) continue;
      if (n === 1 && (g[0] as string).length < 5 && !/\p{Lu}.*\p{Lu}/u.test(g[0] as string)) continue;
      out.push(g.map(asWritten));
    }
  }
  return out;
}

export interface TermPool {
  /** Terms many papers share (in 4 to 11 of the 57 seed papers) and the acronyms the seeds use, most common first. */
  popular: string[];
  /** Per seed paper: the terms specific to it (in at most 3 seed papers): its title's phrases, phrases its abstract repeats, its HF keywords. */
  byTopic: string[][];
}

/**
 * The terms people write rules with, drawn from the 57 seed papers: topic
 * noun phrases and distinctive words, not arbitrary n-grams ("ability to capture").
 */
export function seedTerms(): TermPool {
  const seeds = seedPapers();
  const df = new Map<string, number>();
  const shown = new Map<string, string>();
  const candidates: Set<string>[] = [];
  for (const p of seeds) {
    const title = grams(words(p.title));
    const abstractCounts = new Map<string, number>();
    const inPaper = new Set<string>();
    for (const g of [...title, ...grams(words(p.abstract))]) {
      const k = fold(g);
      inPaper.add(k);
      if (!shown.has(k)) shown.set(k, g.join(' '));
    }
    for (const g of grams(words(p.abstract))) if (g.length > 1) abstractCounts.set(fold(g), (abstractCounts.get(fold(g)) ?? 0) + 1);
    for (const k of inPaper) df.set(k, (df.get(k) ?? 0) + 1);
    const mine = new Set<string>(title.map(fold));
    for (const [k, n] of abstractCounts) if (n >= 2) mine.add(k);
    for (const kw of p.aiKeywords) if (canEdge(kw) && kw.length >= 5 && !NOT_ALONE.has(fold([kw]))) mine.add(fold([kw]));
    candidates.push(mine);
  }
  const text = seeds.map((p) => `${p.title} ${p.abstract}`).join(' ');
  const acronyms = Object.keys(ACRONYMS).filter(
    (a) => new RegExp(`\\b${a}s?\\b`).test(text) || text.toLowerCase().includes((ACRONYMS[a] ?? '?').toLowerCase()),
  );
  const all = new Set(candidates.flatMap((c) => [...c]));
  const inTitles = new Map<string, number>();
  for (const p of seeds) for (const k of new Set(grams(words(p.title)).map(fold))) inTitles.set(k, (inTitles.get(k) ?? 0) + 1);
  // A broad single word is one that titles use ("pruning", "transformers"), not any frequent word.
  const broad = (k: string): boolean => k.includes(' ') || ((inTitles.get(k) ?? 0) >= 2 && !NOT_ALONE.has(k));
  // A term in most papers ("neural network" is in over a third of the seeds) is not a rule anyone keeps: it floods the channel.
  const common = [...all]
    .filter((k) => (df.get(k) ?? 0) >= 4 && (df.get(k) ?? 0) <= MAX_POPULAR_DF && broad(k))
    .sort((x, y) => (df.get(y) ?? 0) - (df.get(x) ?? 0) || (x < y ? -1 : 1));
  const popular: string[] = [];
  // Acronyms and common phrases alternate: both are what broad channels subscribe to.
  for (let i = 0; i < Math.max(acronyms.length, common.length); i++) {
    if (acronyms[i]) popular.push(acronyms[i] as string);
    if (common[i]) popular.push(shown.get(common[i] as string) ?? (common[i] as string));
  }
  const byTopic = candidates.map((c) =>
    [...c]
      .filter((k) => (df.get(k) ?? 0) <= 3)
      .map((k) => shown.get(k) ?? k)
      .sort(),
  );
  return { popular, byTopic };
}
