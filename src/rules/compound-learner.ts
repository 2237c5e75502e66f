import type { Paper } from '../papers/paper.js';
import { scanCompoundEvidence } from './compounds.js';

/**
 * The compounds the stored papers show both ways, kept up to date as papers
 * come and go (it listens to RecentPapers, the last 30 days): "tool-kit" is
 * known once some paper writes "tool-kit" and some paper "toolkit", and
 * forgotten when the last of either leaves the window. Counts, not sets, so
 * a paper leaving takes back exactly what it brought.
 */
export class CompoundLearner {
  private readonly closed = new Map<string, number>();
  private readonly hyphenated = new Map<string, { written: string; count: number }>();
  private known: readonly string[] = [];
  private dirty = false;

  added(papers: readonly Paper[]): void {
    for (const p of papers) this.count(p, 1);
  }

  removed(papers: readonly Paper[]): void {
    for (const p of papers) this.count(p, -1);
  }

  /** The compounds known now, hyphenated; the same array until the evidence changes. */
  compounds(): readonly string[] {
    if (this.dirty) {
      const out: string[] = [];
      for (const [key, h] of this.hyphenated) if (h.count > 0 && (this.closed.get(key) ?? 0) > 0) out.push(h.written);
      out.sort();
      if (out.length !== this.known.length || out.some((c, i) => c !== this.known[i])) this.known = out;
      this.dirty = false;
    }
    return this.known;
  }

  private count(p: Paper, by: 1 | -1): void {
    // Each paper counts a word or a pair once, however often it writes it.
    const closed = new Set<string>();
    const pairs = new Map<string, string>();
    for (const text of [p.title, p.abstract, ...p.aiKeywords]) {
      scanCompoundEvidence(
        text,
        (key) => closed.add(key),
        (key, written) => {
          if (!pairs.has(key)) pairs.set(key, written);
        },
      );
    }
    for (const key of closed) bump(this.closed, key, by);
    for (const [key, written] of pairs) {
      const h = this.hyphenated.get(key) ?? { written, count: 0 };
      h.count += by;
      if (h.count > 0) this.hyphenated.set(key, h);
      else this.hyphenated.delete(key);
    }
    if (closed.size || pairs.size) this.dirty = true;
  }
}

function bump(map: Map<string, number>, key: string, by: number): void {
  const n = (map.get(key) ?? 0) + by;
  if (n > 0) map.set(key, n);
  else map.delete(key);
}
