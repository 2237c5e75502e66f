import type { Paper } from '../papers/paper.js';
import { foldWord } from './fold.js';
import { tokenize } from './tokenize.js';

// Words too common in abstracts to say what a paper is about.
const STOP = new Set(
  `a an and are as at be been by can for from has have in into is it its of on or our that the their these this
  to we which with via using use base result show method approach paper propose present model new also than
  such both more most over only not but other each been these those what when where while between across`
    .split(/\s+/)
    .map(foldWord),
);

/** Folded content words of title (counted twice: it says most), abstract and keywords. */
export function similarityTerms(p: Paper): Map<string, number> {
  const tf = new Map<string, number>();
  const add = (text: string, weight: number): void => {
    for (const w of tokenize(text).words) {
      const t = foldWord(w);
      if (t.length < 3 || STOP.has(t) || /^\d+$/.test(t)) continue;
      tf.set(t, (tf.get(t) ?? 0) + weight);
    }
  };
  add(p.title, 2);
  add(p.abstract, 1);
  add(p.aiKeywords.join(' . '), 2);
  return tf;
}

/**
 * The `k` papers of `corpus` most similar to `target`: tf-idf cosine over the
 * same folded words the rules use. The target itself (same id) is skipped and
 * papers sharing nothing are left out.
 */
export function findSimilar(target: Paper, corpus: readonly Paper[], k: number): { paper: Paper; score: number }[] {
  if (k <= 0) return [];
  const others = corpus.filter((p) => p.id !== target.id);
  const docs = others.map(similarityTerms);
  const t = similarityTerms(target);
  const df = new Map<string, number>();
  for (const d of [...docs, t]) for (const w of d.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const n = docs.length + 1;
  const idf = (w: string): number => Math.log((1 + n) / (1 + (df.get(w) ?? 0))) + 1;
  const vector = (d: Map<string, number>): { v: Map<string, number>; norm: number } => {
    const v = new Map<string, number>();
    let sq = 0;
    for (const [w, c] of d) {
      const x = (1 + Math.log(c)) * idf(w);
      v.set(w, x);
      sq += x * x;
    }
    return { v, norm: Math.sqrt(sq) };
  };
  const tv = vector(t);
  if (tv.norm === 0) return [];
  const scored = others.map((paper, i) => {
    const dv = vector(docs[i] as Map<string, number>);
    let dot = 0;
    for (const [w, x] of tv.v) dot += x * (dv.v.get(w) ?? 0);
    return { paper, score: dv.norm === 0 ? 0 : dot / (tv.norm * dv.norm) };
  });
  return scored
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || (a.paper.id < b.paper.id ? -1 : 1))
    .slice(0, k);
}
