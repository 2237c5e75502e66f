import type { Paper, StoredPaper } from '../papers/paper.js';
import type { RecentPapers, RecentPapersListener } from '../papers/recent-papers.js';
import { yieldToLoop } from '../util/yield.js';
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
  /** 1 + log(term count): the tf part of each term's weight. */
  tf: Map<string, number>;
  norm: number;
  /** The corpus version `norm` was computed for (idf moves as papers come and go). */
  normAt: number;
}

/** Postings are scanned this many at a time between yields to the event loop. */
const SLICE = 20_000;

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
  private readonly postings = new Map<string, number[]>();
  private readonly df = new Map<string, number>();
  private nextId = 0;
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
      const tf = new Map<string, number>();
      for (const [w, c] of similarityTerms(paper)) {
        tf.set(w, 1 + Math.log(c));
        this.df.set(w, (this.df.get(w) ?? 0) + 1);
        const list = this.postings.get(w);
        if (list) list.push(id);
        else this.postings.set(w, [id]);
      }
      this.livePostings += tf.size;
      this.docs.set(id, { paper, tf, norm: 0, normAt: -1 });
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
    const t = self !== undefined ? (this.docs.get(self)?.tf ?? null) : null;
    const targetTf = t ?? new Map([...similarityTerms(target)].map(([w, c]) => [w, 1 + Math.log(c)] as const));
    // As findSimilar counts them: every other paper plus the target.
    const extra = self === undefined ? 1 : 0;
    const n = this.docs.size + extra;
    const idf = (w: string): number => Math.log((1 + n) / (1 + (this.df.get(w) ?? 0) + (extra && targetTf.has(w) ? 1 : 0))) + 1;
    let tNorm = 0;
    const weights: [string, number][] = [];
    for (const [w, x] of targetTf) {
      const v = x * idf(w);
      weights.push([w, v * idf(w)]);
      tNorm += v * v;
    }
    if (tNorm === 0) return [];
    const dots = new Map<number, number>();
    let work = 0;
    for (const [w, tw] of weights) {
      for (const id of this.postings.get(w) ?? []) {
        const d = this.docs.get(id);
        if (!d || id === self) continue;
        dots.set(id, (dots.get(id) ?? 0) + tw * (d.tf.get(w) ?? 0));
        if (++work % SLICE === 0) await yieldToLoop();
      }
    }
    // Papers' norms as the corpus stands (without an outside target: a paper from before the window
    // is compared against norms that leave it out, which moves scores by a hair, never the work).
    const version = this.version;
    const docIdf = (w: string): number => Math.log((1 + this.docs.size) / (1 + (this.df.get(w) ?? 0))) + 1;
    const scored: SimilarPaper[] = [];
    for (const [id, dot] of dots) {
      const d = this.docs.get(id);
      if (!d) continue;
      if (d.normAt !== version) {
        d.norm = this.normOf(d, docIdf);
        d.normAt = version;
        work += d.tf.size;
        if (work > SLICE) {
          work = 0;
          await yieldToLoop();
        }
      }
      if (d.norm > 0 && dot > 0) scored.push({ paper: d.paper, score: dot / (Math.sqrt(tNorm) * d.norm) });
    }
    return scored.sort((a, b) => b.score - a.score || (a.paper.id < b.paper.id ? -1 : 1)).slice(0, k);
  }

  private normOf(d: Doc, idf: (w: string) => number): number {
    let sq = 0;
    for (const [w, x] of d.tf) {
      const v = x * idf(w);
      sq += v * v;
    }
    return Math.sqrt(sq);
  }

  private drop(id: number): void {
    const d = this.docs.get(id);
    if (!d) return;
    for (const w of d.tf.keys()) {
      const left = (this.df.get(w) ?? 1) - 1;
      if (left > 0) this.df.set(w, left);
      else this.df.delete(w);
    }
    this.docs.delete(id);
    if (this.byPaper.get(d.paper.id) === id) this.byPaper.delete(d.paper.id);
    this.livePostings -= d.tf.size;
    this.deadPostings += d.tf.size;
  }

  private compact(): void {
    for (const [w, list] of this.postings) {
      const live = list.filter((id) => this.docs.has(id));
      if (live.length) this.postings.set(w, live);
      else this.postings.delete(w);
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
