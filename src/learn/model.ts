// biome-ignore-all lint/style/noNonNullAssertion: rows, theta and sparse indexes come from one vectorizer and share its dimension
import type { Paper } from '../papers/paper.js';
import type { ChannelLabel } from './feedback.js';
import { fitLogistic, margin, sigmoid } from './logistic.js';
import { TermCache } from './terms.js';
import { dot, fitVectorizer, type SparseVec, type VectorizerOptions } from './vectorize.js';

export interface LabeledPaper {
  paper: Paper;
  label: ChannelLabel;
}

export interface TermWeight {
  term: string;
  weight: number;
}

export interface SimilarPaper {
  paper: Paper;
  similarity: number;
}

export interface ChannelModel {
  /** Papers labelled positive. */
  readonly positives: number;
  /** Papers labelled negative, explicit or weak. */
  readonly negatives: number;
  /** Explicit (reaction) negatives only. */
  readonly explicitNegatives: number;
  /** Enough labels for the model to have any say in the order. */
  readonly ready: boolean;
  /** 0 when not ready, growing to 1 with the number of explicit labels. */
  readonly evidence: number;
  probability(paper: Paper): number;
  /** Terms that pushed this paper's probability up the most, largest first. */
  topTerms(paper: Paper, k: number): TermWeight[];
  /** Liked papers closest to this one by tf-idf cosine, closest first. */
  similarLiked(paper: Paper, k: number): SimilarPaper[];
}

export interface TrainOptions extends VectorizerOptions {
  /** Unlabelled papers (e.g. today's candidates) that help the vocabulary and idf. */
  corpus?: readonly Paper[];
  minPositives?: number;
  minNegatives?: number;
  /** Explicit labels at which the model reaches its full weight (default 40). */
  fullEvidenceAt?: number;
  /** Keep one per process to tokenise each paper once across retrains (default: a fresh one). */
  cache?: TermCache;
  /** L2 penalty on the mean weighted log-loss (default 0.01). */
  l2?: number;
}

export function trainChannelModel(labeled: readonly LabeledPaper[], opts: TrainOptions = {}): ChannelModel {
  const positives = labeled.filter((l) => l.label.label === 1).length;
  const negatives = labeled.length - positives;
  const explicitNegatives = labeled.filter((l) => l.label.kind === 'negative').length;
  const ready = positives >= (opts.minPositives ?? 5) && negatives >= (opts.minNegatives ?? 3);
  const evidence = ready ? Math.min(1, (positives + explicitNegatives) / (opts.fullEvidenceAt ?? 40)) : 0;

  const cache = opts.cache ?? new TermCache();
  const seen = new Set<string>();
  const docs: Float64Array[] = [];
  for (const p of [...labeled.map((l) => l.paper), ...(opts.corpus ?? [])]) {
    if (seen.has(p.id)) continue;
    seen.add(p.id);
    docs.push(cache.keys(p));
  }
  const vec = fitVectorizer(docs, cache.dict, opts);
  const rows = labeled.map((l) => vec.vectorize(cache.keys(l.paper)));

  // Balanced classes, as arxiv-sanity does: a few likes must not drown in weak negatives.
  const posW = labeled.reduce((s, l) => s + (l.label.label === 1 ? l.label.weight : 0), 0);
  const negW = labeled.reduce((s, l) => s + (l.label.label === 0 ? l.label.weight : 0), 0);
  const weights = labeled.map((l) => l.label.weight / (l.label.label === 1 ? posW : negW));
  const dim = vec.size;
  const theta = new Float64Array(dim + 1);
  if (positives > 0 && negatives > 0) {
    const fit = fitLogistic({ rows, labels: labeled.map((l) => l.label.label), weights, dim }, { l2: opts.l2 ?? 0.01 });
    theta.set(fit.w);
    theta[dim] = fit.bias;
  } else {
    // One class only: a constant prior, so nothing is reordered or explained by it.
    theta[dim] = positives > 0 ? 2 : negatives > 0 ? -2 : 0;
  }

  const liked = labeled.flatMap((l, i) => (l.label.label === 1 ? [{ paper: l.paper, row: rows[i]! }] : []));
  const vectors = new Map<string, SparseVec>();
  const vectorOf = (p: Paper): SparseVec => {
    let v = vectors.get(p.id);
    if (!v) {
      v = vec.vectorize(cache.keys(p));
      vectors.set(p.id, v);
    }
    return v;
  };

  return {
    positives,
    negatives,
    explicitNegatives,
    ready,
    evidence,
    probability: (paper) => sigmoid(margin(theta, vectorOf(paper), dim)),
    topTerms(paper, k) {
      const x = vectorOf(paper);
      const out: TermWeight[] = [];
      for (let j = 0; j < x.idx.length; j++) {
        const w = theta[x.idx[j]!]! * x.val[j]!;
        if (w > 0) out.push({ term: vec.term(x.idx[j]!), weight: w });
      }
      return out.sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1)).slice(0, k);
    },
    similarLiked(paper, k) {
      const x = vectorOf(paper);
      return liked
        .filter((l) => l.paper.id !== paper.id)
        .map((l) => ({ paper: l.paper, similarity: dot(x, l.row) }))
        .filter((s) => s.similarity > 0)
        .sort((a, b) => b.similarity - a.similarity || (a.paper.id < b.paper.id ? -1 : 1))
        .slice(0, k);
    },
  };
}
