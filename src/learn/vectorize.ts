import type { Paper } from '../papers/paper.js';
import { paperTerms } from './tokens.js';

/** A sparse vector: ascending feature indexes and their values. */
export interface SparseVec {
  idx: Int32Array;
  val: Float64Array;
}

export interface VectorizerOptions {
  /** Vocabulary cap, most frequent terms kept (default 20000, as arxiv-sanity). */
  maxFeatures?: number;
  /** Terms in fewer documents are dropped (default 2 from 100 documents up, else 1). */
  minDf?: number;
  /** Terms in more than this share of documents carry no signal (default 0.5, from 20 documents up). */
  maxDfRatio?: number;
}

export interface Vectorizer {
  readonly terms: readonly string[];
  readonly idf: Float64Array;
  vectorize(paper: Pick<Paper, 'title' | 'abstract' | 'authors'>): SparseVec;
  vectorizeTerms(terms: readonly string[]): SparseVec;
}

function counts(terms: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of terms) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

/**
 * tf-idf as arxiv-sanity sets it up: sublinear tf (1 + ln tf), smooth idf
 * (ln((1 + n) / (1 + df)) + 1), rows scaled to unit l2 norm.
 */
export function fitVectorizer(docs: readonly (readonly string[])[], opts: VectorizerOptions = {}): Vectorizer {
  const n = docs.length;
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
  const minDf = opts.minDf ?? (n >= 100 ? 2 : 1);
  const maxDf = n >= 20 ? (opts.maxDfRatio ?? 0.5) * n : Infinity;
  const kept = [...df.entries()]
    .filter(([, c]) => c >= minDf && c <= maxDf)
    // Most frequent first, then by term so the cap is deterministic.
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, opts.maxFeatures ?? 20000);
  const terms = kept.map(([t]) => t);
  const index = new Map(terms.map((t, i) => [t, i] as const));
  const idf = Float64Array.from(kept, ([, c]) => Math.log((1 + n) / (1 + c)) + 1);

  function vectorizeTerms(ts: readonly string[]): SparseVec {
    const entries: [number, number][] = [];
    for (const [t, tf] of counts(ts)) {
      const i = index.get(t);
      if (i !== undefined) entries.push([i, (1 + Math.log(tf)) * (idf[i] ?? 0)]);
    }
    entries.sort((a, b) => a[0] - b[0]);
    let sq = 0;
    for (const e of entries) sq += e[1] * e[1];
    const norm = Math.sqrt(sq) || 1;
    return { idx: Int32Array.from(entries, (e) => e[0]), val: Float64Array.from(entries, (e) => e[1] / norm) };
  }
  return { terms, idf, vectorizeTerms, vectorize: (p) => vectorizeTerms(paperTerms(p)) };
}

/** Cosine of two l2-normalised sparse vectors. */
export function dot(a: SparseVec, b: SparseVec): number {
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < a.idx.length && j < b.idx.length) {
    const ai = a.idx[i]!;
    const bj = b.idx[j]!;
    if (ai === bj) s += a.val[i++]! * b.val[j++]!;
    else if (ai < bj) i++;
    else j++;
  }
  return s;
}
