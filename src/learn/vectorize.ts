// biome-ignore-all lint/style/noNonNullAssertion: indexes are bounded by the loops over the same arrays
import type { SparseVec } from './sparse.js';
import type { TermDict } from './terms.js';

export { dot, type SparseVec } from './sparse.js';

export interface VectorizerOptions {
  /** Vocabulary cap, most frequent terms kept (default 20000, as arxiv-sanity). */
  maxFeatures?: number;
  /** Terms in fewer documents are dropped (default 2 from 100 documents up, else 1). */
  minDf?: number;
  /** Terms in more than this share of documents carry no signal (default 0.5, from 20 documents up). */
  maxDfRatio?: number;
}

export interface Vectorizer {
  readonly size: number;
  readonly idf: Float64Array;
  term(feature: number): string;
  /** A document's sorted term keys (see paperKeys) as a unit-length tf-idf vector. */
  vectorize(keys: Float64Array): SparseVec;
}

/**
 * tf-idf as arxiv-sanity sets it up: sublinear tf (1 + ln tf), smooth idf
 * (ln((1 + n) / (1 + df)) + 1), rows scaled to unit l2 norm. Documents are
 * sorted term keys, so a run of equal keys is one term's count.
 */
export function fitVectorizer(docs: readonly Float64Array[], dict: TermDict, opts: VectorizerOptions = {}): Vectorizer {
  const n = docs.length;
  const df = new Map<number, number>();
  for (const d of docs) {
    for (let i = 0; i < d.length; i++) if (i === 0 || d[i] !== d[i - 1]) df.set(d[i]!, (df.get(d[i]!) ?? 0) + 1);
  }
  const minDf = opts.minDf ?? (n >= 100 ? 2 : 1);
  const maxDf = n >= 20 ? (opts.maxDfRatio ?? 0.5) * n : Infinity;
  const kept = [...df.entries()]
    .filter(([, c]) => c >= minDf && c <= maxDf)
    // Most frequent first, then by key so the cap is deterministic for one dictionary.
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, opts.maxFeatures ?? 20000);
  const index = new Map(kept.map(([k], i) => [k, i] as const));
  const idf = Float64Array.from(kept, ([, c]) => Math.log((1 + n) / (1 + c)) + 1);

  function vectorize(d: Float64Array): SparseVec {
    const idx: number[] = [];
    const val: number[] = [];
    for (let i = 0; i < d.length; ) {
      let j = i + 1;
      while (j < d.length && d[j] === d[i]) j++;
      const f = index.get(d[i]!);
      if (f !== undefined) {
        idx.push(f);
        val.push((1 + Math.log(j - i)) * idf[f]!);
      }
      i = j;
    }
    const order = idx.map((_, k) => k).sort((a, b) => idx[a]! - idx[b]!);
    let sq = 0;
    for (const v of val) sq += v * v;
    const norm = Math.sqrt(sq) || 1;
    return { idx: Int32Array.from(order, (k) => idx[k]!), val: Float64Array.from(order, (k) => val[k]! / norm) };
  }
  return { size: kept.length, idf, vectorize, term: (f) => dict.term(kept[f]?.[0] ?? -1) };
}
