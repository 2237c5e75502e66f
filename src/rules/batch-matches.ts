import type { IndexMatcher } from './index-match.js';
import { groupByKey, IntBuffer } from './id-lists.js';
import type { RuleHit } from './engine.js';
import { BodyHits, LazyRuleMatch } from './lazy-match.js';
import type { Paper } from '../papers/paper.js';

/**
 * The matches of a batch of papers: one row per (paper, matched rule text),
 * in typed arrays. Paper j's rows are [start[j], start[j + 1]). A day's
 * matches against 100,000 rules run to hundreds of thousands of rows; kept as
 * objects they cost far more to allocate and hold than to find, so objects are
 * made only for the rows someone asks for (`texts`), and explanations only
 * when read.
 */
export class BatchMatches {
  constructor(
    readonly papers: readonly Paper[],
    readonly start: Int32Array,
    private readonly bodies: Int32Array,
    /** Score times two, plus 1 for a title hit. */
    private readonly bits: Int32Array,
    private readonly m: IndexMatcher,
  ) {}

  get rows(): number {
    return this.start[this.papers.length] as number;
  }

  /** Ids of every rule holding row i's text (shared, read-only). */
  ruleIds(i: number): readonly string[] {
    return this.m.idsOf(this.bodies[i] as number);
  }

  score(i: number): number {
    return (this.bits[i] as number) >> 1;
  }

  titleHit(i: number): boolean {
    return ((this.bits[i] as number) & 1) !== 0;
  }

  /**
   * Rule by rule: rule `ruleId`'s matches, each with the index of its paper.
   * The rows are grouped by rule text once; objects are made per call.
   */
  byRule(): (ruleId: string) => RuleHit[] {
    const n = this.rows;
    const rowPaper = new Int32Array(n);
    for (let j = 0; j < this.papers.length; j++) rowPaper.fill(j, this.start[j] as number, this.start[j + 1] as number);
    // Rows by body, each body's rows in paper order.
    const { start: from, items: rowsOf } = groupByKey(this.bodies, n, this.m.ix.bodyCount);
    return (ruleId) => {
      const b = this.m.bodyOfRule(ruleId);
      const out: RuleHit[] = [];
      if (b === undefined) return out;
      for (let k = from[b] as number, end = from[b + 1] as number; k < end; k++) {
        const i = rowsOf[k] as number;
        const paper = rowPaper[i] as number;
        const text = new BodyHits(this.m.scanOf(this.papers[paper] as Paper), b, this.ruleIds(i), this.score(i), this.titleHit(i));
        out.push({ paper, match: new LazyRuleMatch(ruleId, text) });
      }
      return out;
    };
  }

  /** Paper j's matches as objects. */
  texts(j: number): BodyHits[] {
    const scan = this.m.scanOf(this.papers[j] as Paper);
    const out: BodyHits[] = [];
    for (let i = this.start[j] as number, end = this.start[j + 1] as number; i < end; i++) {
      out.push(new BodyHits(scan, this.bodies[i] as number, this.ruleIds(i), this.score(i), this.titleHit(i)));
    }
    return out;
  }
}

/** Rows being written, paper by paper. */
export class MatchRows {
  readonly bodies = new IntBuffer(1 << 12);
  readonly bits = new IntBuffer(1 << 12);
  private readonly start: Int32Array<ArrayBuffer>;
  private paper = 0;

  constructor(papers: number) {
    this.start = new Int32Array(papers + 1);
  }

  /** Room for n more rows: the caller writes them at [rows, rows + n) and then calls `wrote`. */
  reserve(n: number): number {
    this.bodies.reserve(this.bodies.length + n);
    this.bits.reserve(this.bits.length + n);
    return this.bodies.length;
  }

  /** Paper done, its rows ending at `end`. */
  endPaper(end: number): void {
    this.bodies.length = this.bits.length = end;
    this.start[++this.paper] = end;
  }

  done(papers: readonly Paper[], m: IndexMatcher): BatchMatches {
    return new BatchMatches(papers, this.start, this.bodies.data.subarray(0, this.bodies.length), this.bits.data.subarray(0, this.bits.length), m);
  }
}
