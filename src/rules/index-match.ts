import type { RuleMatch } from './engine.js';
import { AtomFinder } from './atom-finder.js';
import type { IdLists } from './id-lists.js';
import { positivesOf, type Leaf, type RuleIndex } from './index-build.js';
import { BodyHits, LazyRuleMatch, PaperScan, type FieldReader } from './lazy-match.js';
import { runProgram } from './program.js';
import { scoreBits } from './score.js';
import type { Paper } from '../papers/paper.js';

/**
 * Matches one paper at a time against a built index: the atom finder walks the
 * paper's words, and only the rule texts anchored on what it found are
 * evaluated. Scratch arrays are reused across papers and reset by stamping,
 * so matching allocates little beyond its results. A batch of papers goes
 * faster through BatchMatcher, which sits on this.
 */
export class IndexMatcher {
  readonly finder: AtomFinder;
  private readonly ruleStamp: Uint32Array;
  // Scratch, emptied per paper rather than replaced: a paper's candidates never outlive its scan.
  private readonly candidates: number[] = [];
  private readonly hitBodies: number[] = [];
  private readonly positives: (body: number) => readonly Leaf[];
  private readonly readFields: FieldReader;
  /** Rule ids by body, sliced on first match; filled with undefined up front so the array stays packed, not a dictionary. */
  private readonly bodyIds: (readonly string[] | undefined)[];
  private ruleBodies: Map<string, number> | null = null;

  constructor(readonly ix: RuleIndex) {
    this.finder = new AtomFinder(ix);
    this.ruleStamp = new Uint32Array(ix.bodyCount);
    this.bodyIds = new Array<readonly string[] | undefined>(ix.bodyCount).fill(undefined);
    this.positives = (body) => positivesOf(ix, body);
    this.readFields = (paper) => this.finder.readFields(paper);
  }

  /** Where a matched paper's explanations will come from, should anyone read them. */
  scanOf(paper: Paper): PaperScan {
    return new PaperScan(paper, this.readFields, this.ix, this.positives);
  }

  /** The matched rule texts of the finder's current paper whose rule is one term alone: they hold whenever it is found. */
  private simpleHits(scan: PaperScan, out: BodyHits[]): void {
    const { finder, ix } = this;
    const { start, items } = ix.atomSimple;
    for (const atom of finder.found) {
      for (let i = start[atom] as number, end = start[atom + 1] as number; i < end; i++) out.push(this.hitOf(scan, items[i] as number));
    }
  }

  /** A rule text matched in the finder's current paper, scored. */
  private hitOf(scan: PaperScan, b: number): BodyHits {
    const bits = scoreBits(this.ix, b, this.finder);
    return new BodyHits(scan, b, this.idsOf(b), bits >> 1, (bits & 1) !== 0);
  }

  /** The rule texts matched in `paper`, each with the ids holding it. */
  matchTexts(paper: Paper): BodyHits[] {
    const { finder, ix } = this;
    finder.scan(paper);
    this.candidates.length = 0;
    for (const atom of finder.found) this.addAll(ix.atomRules, atom);
    for (const id of finder.categories) this.addAll(ix.categoryRules, id);
    if (paper.upvotes !== null) {
      for (const u of ix.upvoteRules) {
        if (u.min > paper.upvotes) break;
        this.add(u.rule);
      }
    }
    const hit = this.hitBodies;
    hit.length = 0;
    for (const b of this.candidates) if (runProgram(ix.code, ix.codeStart[b] as number, ix.codeStart[b + 1] as number, finder)) hit.push(b);
    const scan = this.scanOf(paper);
    const out: BodyHits[] = [];
    this.simpleHits(scan, out);
    for (const b of hit) out.push(this.hitOf(scan, b));
    return out;
  }

  /**
   * One RuleMatch per rule holding a matched text, in an array allocated at
   * its final size: with 100,000 rules a paper can match thousands, and
   * growing the array by push copies it over and over.
   */
  match(paper: Paper): RuleMatch[] {
    return expand(this.matchTexts(paper));
  }

  private addAll(lists: IdLists, list: number): void {
    for (let i = lists.start[list] as number, end = lists.start[list + 1] as number; i < end; i++) this.add(lists.items[i] as number);
  }

  /** Body b becomes a candidate of the current paper, once. */
  private add(b: number): void {
    if (this.ruleStamp[b] !== this.finder.stamp) {
      this.ruleStamp[b] = this.finder.stamp;
      this.candidates.push(b);
    }
  }

  /** The body (distinct rule text) of a rule id, or undefined for a rule not compiled here; the map is made on first use. */
  bodyOfRule(ruleId: string): number | undefined {
    if (!this.ruleBodies) {
      const { bodyStart, bodyRuleIds, bodyCount } = this.ix;
      this.ruleBodies = new Map();
      for (let b = 0; b < bodyCount; b++) {
        for (let k = bodyStart[b] as number; k < (bodyStart[b + 1] as number); k++) this.ruleBodies.set(bodyRuleIds[k] as string, b);
      }
    }
    return this.ruleBodies.get(ruleId);
  }

  /** Body b's rule ids, sliced on first match and kept: most bodies never match, most that do match again. */
  idsOf(b: number): readonly string[] {
    let ids = this.bodyIds[b];
    if (ids === undefined) {
      const { bodyStart, bodyRuleIds } = this.ix;
      ids = this.bodyIds[b] = bodyRuleIds.slice(bodyStart[b] as number, bodyStart[b + 1] as number);
    }
    return ids;
  }
}

/** Matched texts as one RuleMatch per rule id holding them. */
export function expand(texts: readonly BodyHits[]): RuleMatch[] {
  let total = 0;
  for (const t of texts) total += t.ruleIds.length;
  const out = new Array<RuleMatch>(total);
  let o = 0;
  for (const t of texts) for (const id of t.ruleIds) out[o++] = new LazyRuleMatch(id, t);
  return out;
}
