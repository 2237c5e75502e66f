import type { Paper, StoredPaper } from '../papers/paper.js';
import type { RecentPapers, RecentPapersListener } from '../papers/recent-papers.js';
import { slicer } from '../util/yield.js';
import { similarityTerms } from './similarity.js';

export interface SimilarPaper {
  paper: Paper;
  score: number;
}

/** What `/papers similar` asks. */
export interface SimilarPapers {
  /** The `k` papers of the recent window most like `target` (never `target` itself), best first. */
  similarTo(target: Paper, k: number): Promise<SimilarPaper[]>;
}

interface Doc {
  paper: StoredPaper;
  /** The paper's term ids and, in the same order, 1 + log(count): typed arrays, since a window holds tens of thousands. */
  terms: Int32Array;
  tf: Float64Array;
  norm: number;
  /** The corpus version `norm` was computed for (idf moves as papers come and go). */
  normAt: number;
}

/**
 * The tf-idf cosine of `findSimilar`, kept as an inverted index over the
 * recent papers and updated as they come and go (RecentPapers tells it),
 * instead of tokenising the whole window on every call. A query touches only
 * the papers sharing a term with the target, and yields to the event loop
 * between slices of work, so a burst of queries never holds up an answer.
 */
export class SimilarIndex implements SimilarPapers, RecentPapersListener {
  private readonly docs = new Map<number, Doc>();
  private readonly byPaper = new Map<string, number>();
  private readonly termIds = new Map<string, number>();
  /** Per term: (paper id, its tf) pairs, flat, so a query never looks a term up in a paper. */
  private readonly postings: number[][] = [];
  private readonly df: number[] = [];
  private nextId = 0;
  /** alive[id] is 1 while paper `id` is in the index (postings keep dropped ids until compaction). */
  private alive = new Uint8Array(1024);
  /** Each term's idf for the corpus as it stands at `idfAt` (recomputed when papers come or go). */
  private idfs = new Float64Array(0);
  private idfAt = -1;
  /** A query's dot products by paper id, reused (and zeroed after) when no other query holds it. */
  private scratch: Float64Array | null = null;
  private deadPostings = 0;
  private livePostings = 0;
  private version = 0;

  get size(): number {
    return this.docs.size;
  }

  added(papers: readonly StoredPaper[]): void {
    for (const paper of papers) {
      const old = this.byPaper.get(paper.id);
      if (old !== undefined) this.drop(old);
      const id = this.nextId++;
      const counts = similarityTerms(paper);
      const terms = new Int32Array(counts.size);
      const tf = new Float64Array(counts.size);
      let i = 0;
      for (const [w, c] of counts) {
        const t = this.termId(w);
        terms[i] = t;
        tf[i] = 1 + Math.log(c);
        this.df[t] = (this.df[t] ?? 0) + 1;
        this.postings[t]?.push(id, tf[i] as number);
        i += 1;
      }
      this.livePostings += terms.length;
      this.docs.set(id, { paper, terms, tf, norm: 0, normAt: -1 });
      if (id >= this.alive.length) {
        const grown = new Uint8Array(this.alive.length * 2);
        grown.set(this.alive);
        this.alive = grown;
      }
      this.alive[id] = 1;
      this.byPaper.set(paper.id, id);
    }
    this.version += 1;
  }

  removed(papers: readonly StoredPaper[]): void {
    for (const p of papers) {
      const id = this.byPaper.get(p.id);
      if (id !== undefined) this.drop(id);
    }
    this.version += 1;
    // Postings keep the ids of dropped papers until they outnumber the live ones.
    if (this.deadPostings > this.livePostings) this.compact();
  }

  async similarTo(target: Paper, k: number): Promise<SimilarPaper[]> {
    if (k <= 0) return [];
    const self = this.byPaper.get(target.id);
    const own = self !== undefined ? this.docs.get(self) : undefined;
    const targetTf = new Map<number, number>();
    const outside: string[] = [];
    if (own) {
      for (const [i, t] of own.terms.entries()) targetTf.set(t, own.tf[i] ?? 0);
    } else
      for (const [w, c] of similarityTerms(target)) {
        const t = this.termIds.get(w);
        if (t !== undefined) targetTf.set(t, 1 + Math.log(c));
        else outside.push(w);
      }
    // As findSimilar counts them: every other paper plus the target.
    const extra = own ? 0 : 1;
    const n = this.docs.size + extra;
    const idf = (df: number): number => Math.log((1 + n) / (1 + df)) + 1;
    let tNorm = 0;
    const weights: [number, number][] = [];
    for (const [t, x] of targetTf) {
      const w = idf((this.df[t] ?? 0) + extra);
      weights.push([t, x * w * w]);
      tNorm += (x * w) ** 2;
    }
    // Words no stored paper has still count in the target's length.
    tNorm += outside.length * idf(1) ** 2;
    if (tNorm === 0 || !weights.length) return [];
    // Dot products in a typed array by paper id (a Map per posting costs several times more); `touched` lists the non-zero ones.
    const size = this.nextId;
    const reuse = this.scratch !== null && this.scratch.length >= size;
    const dots = reuse && this.scratch ? this.scratch : new Float64Array(size);
    this.scratch = null;
    const touched: number[] = [];
    const slice = slicer();
    try {
      for (const [t, tw] of weights) {
        const list = this.postings[t] ?? [];
        for (let j = 0; j < list.length; j += 2) {
          if (slice.due()) await slice.yield();
          const id = list[j] as number;
          if (id === self || this.alive[id] !== 1) continue;
          if (dots[id] === 0) touched.push(id);
          dots[id] = (dots[id] ?? 0) + tw * (list[j + 1] as number);
        }
      }
      // Papers' norms as the corpus stands (without an outside target: a paper from before the window
      // is compared against norms that leave it out, which moves scores by a hair, never the work).
      const idfs = this.currentIdfs();
      const version = this.version;
      const scored: SimilarPaper[] = [];
      for (const id of touched) {
        const dot = dots[id] ?? 0;
        const d = this.docs.get(id);
        if (!d) continue;
        if (d.normAt !== version) {
          if (slice.due()) await slice.yield();
          let sq = 0;
          for (let i = 0; i < d.terms.length; i++) sq += ((d.tf[i] ?? 0) * (idfs[d.terms[i] ?? 0] ?? 0)) ** 2;
          d.norm = Math.sqrt(sq);
          d.normAt = version;
        }
        if (d.norm > 0 && dot > 0) scored.push({ paper: d.paper, score: dot / (Math.sqrt(tNorm) * d.norm) });
      }
      return scored.sort((a, b) => b.score - a.score || (a.paper.id < b.paper.id ? -1 : 1)).slice(0, k);
    } finally {
      for (const id of touched) dots[id] = 0;
      if (dots.length >= this.nextId) this.scratch = dots;
    }
  }

  /** idf of every term for the papers held now (no outside target), computed once per change of the corpus. */
  private currentIdfs(): Float64Array {
    if (this.idfAt !== this.version || this.idfs.length !== this.df.length) {
      const n = this.docs.size;
      this.idfs = Float64Array.from(this.df, (df) => Math.log((1 + n) / (1 + df)) + 1);
      this.idfAt = this.version;
    }
    return this.idfs;
  }

  private termId(w: string): number {
    let t = this.termIds.get(w);
    if (t === undefined) {
      t = this.postings.length;
      this.termIds.set(w, t);
      this.postings.push([]);
      this.df.push(0);
    }
    return t;
  }

  private drop(id: number): void {
    const d = this.docs.get(id);
    if (!d) return;
    for (const t of d.terms) this.df[t] = (this.df[t] ?? 1) - 1;
    this.docs.delete(id);
    this.alive[id] = 0;
    if (this.byPaper.get(d.paper.id) === id) this.byPaper.delete(d.paper.id);
    this.livePostings -= d.terms.length;
    this.deadPostings += d.terms.length;
  }

  private compact(): void {
    for (let t = 0; t < this.postings.length; t++) {
      const list = this.postings[t] ?? [];
      const live: number[] = [];
      for (let j = 0; j < list.length; j += 2) if (this.alive[list[j] as number] === 1) live.push(list[j] as number, list[j + 1] as number);
      this.postings[t] = live;
    }
    this.deadPostings = 0;
  }
}

/** An index following `recent`: each question first reads whatever papers are new (at most every so often). */
export function similarOverRecent(recent: RecentPapers): SimilarPapers {
  const index = new SimilarIndex();
  recent.listen(index);
  return {
    async similarTo(target, k) {
      await recent.sync();
      return index.similarTo(target, k);
    },
  };
}
