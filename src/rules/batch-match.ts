import { MASK_WEIGHT } from './atom-finder.js';
import { BatchMatches, MatchRows } from './batch-matches.js';
import { FIELD_BIT } from './fields.js';
import type { IndexMatcher } from './index-match.js';
import { OP } from './program.js';
import type { Paper } from '../papers/paper.js';

/** Papers per chunk: 32 words of bits per row keep the rows small whatever the batch (a backfill may hold weeks). */
const CHUNK = 1024;

/** Grows a typed array, keeping its contents. */
function grownInt32(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Int32Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

function grownUint8(a: Uint8Array<ArrayBuffer>, need: number): Uint8Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Uint8Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/**
 * A day's papers against every rule in one pass. Each paper is scanned once
 * (its atoms and categories become bits in a per-atom row: bit j is paper j
 * of the chunk); then each rule text's program runs once for the whole chunk
 * on those rows, 32 papers per machine word, instead of once per candidate
 * paper. With 100,000 rules a paper is a candidate for hundreds of texts, so
 * this replaces ~600 small program runs per paper by one run per text per
 * chunk. Scores are worked out per match afterwards, from what each paper's
 * scan recorded.
 */
export class BatchMatcher {
  private readonly W = CHUNK / 32;
  /** Row of each atom and category, valid when its stamp is the chunk's. */
  private readonly atomRows: Int32Array;
  private readonly atomChunk: Uint32Array;
  private readonly catRows: Int32Array;
  private readonly catChunk: Uint32Array;
  private chunkStamp = 0;
  /** Bodies with a program (not a lone term, not invalid). */
  private readonly programs: Int32Array;
  private readonly stack: Int32Array;
  private readonly valid = new Int32Array(CHUNK / 32);
  // What each paper's scan found, so its matches can be scored later: atoms and their field bits, paper j's in [atomStart[j], atomStart[j + 1]).
  private atoms = new Int32Array(1 << 16);
  private masks = new Uint8Array(1 << 16);
  private readonly atomStart = new Int32Array(CHUNK + 1);
  // Program matches (body, paper) in body order, then regrouped by paper.
  private pairBody = new Int32Array(1 << 16);
  private pairPaper = new Int32Array(1 << 16);
  private byPaper = new Int32Array(1 << 16);
  private readonly pairStart = new Int32Array(CHUNK + 1);

  constructor(private readonly m: IndexMatcher) {
    const ix = m.ix;
    this.atomRows = new Int32Array(ix.atomMask.length * this.W);
    this.atomChunk = new Uint32Array(ix.atomMask.length);
    this.catRows = new Int32Array(ix.categoryValues.length * this.W);
    this.catChunk = new Uint32Array(ix.categoryValues.length);
    const programs: number[] = [];
    let longest = 0;
    for (let b = 0; b < ix.bodyCount; b++) {
      const len = (ix.codeStart[b + 1] as number) - (ix.codeStart[b] as number);
      if (len > 0) programs.push(b);
      longest = Math.max(longest, len / 2);
    }
    this.programs = Int32Array.from(programs);
    // A program never holds more values at once than it has instructions.
    this.stack = new Int32Array((longest + 1) * this.W);
  }

  /** Every paper's matched rule texts, as rows of typed arrays. */
  match(papers: readonly Paper[]): BatchMatches {
    const out = new MatchRows(papers.length);
    for (let from = 0; from < papers.length; from += CHUNK) {
      const chunk = papers.slice(from, from + CHUNK);
      this.scanChunk(chunk);
      this.runPrograms(chunk);
      this.collect(chunk, out);
    }
    return out.done(papers, this.m);
  }

  private scanChunk(chunk: readonly Paper[]): void {
    const { finder } = this.m;
    const stamp = ++this.chunkStamp;
    this.valid.fill(0);
    let n = 0;
    for (let j = 0; j < chunk.length; j++) {
      const word = j >> 5;
      const bit = 1 << (j & 31);
      this.valid[word] = (this.valid[word] as number) | bit;
      finder.scan(chunk[j] as Paper);
      this.atomStart[j] = n;
      const found = finder.found;
      this.atoms = grownInt32(this.atoms, n + found.length);
      this.masks = grownUint8(this.masks, n + found.length);
      for (const atom of found) {
        this.atoms[n] = atom;
        this.masks[n++] = finder.atomFound[atom] as number;
        this.setBit(this.atomRows, this.atomChunk, atom, stamp, word, bit);
      }
      for (const id of finder.categories) this.setBit(this.catRows, this.catChunk, id, stamp, word, bit);
    }
    this.atomStart[chunk.length] = n;
  }

  private setBit(rows: Int32Array, chunkOf: Uint32Array, id: number, stamp: number, word: number, bit: number): void {
    const at = id * this.W;
    if (chunkOf[id] !== stamp) {
      chunkOf[id] = stamp;
      rows.fill(0, at, at + this.W);
    }
    rows[at + word] = (rows[at + word] as number) | bit;
  }

  /** Runs every program once over the chunk's rows; each set bit of a result is a (body, paper) match. */
  private runPrograms(chunk: readonly Paper[]): void {
    const { ix } = this.m;
    const { code, codeStart } = ix;
    const { W, stack, valid, atomRows, atomChunk, catRows, catChunk } = this;
    const stamp = this.chunkStamp;
    const words = (chunk.length + 31) >> 5;
    let pairs = 0;
    for (const b of this.programs) {
      let sp = 0;
      for (let i = codeStart[b] as number, end = codeStart[b + 1] as number; i < end; i += 2) {
        const op = code[i] as number;
        const arg = code[i + 1] as number;
        const top = sp * W;
        switch (op) {
          case OP.ATOM:
          case OP.CAT: {
            const rows = op === OP.ATOM ? atomRows : catRows;
            if ((op === OP.ATOM ? atomChunk : catChunk)[arg] === stamp) {
              const at = arg * W;
              for (let w = 0; w < words; w++) stack[top + w] = rows[at + w] as number;
            } else stack.fill(0, top, top + words);
            sp++;
            break;
          }
          case OP.UP:
            stack.fill(0, top, top + words);
            for (let j = 0; j < chunk.length; j++) {
              const up = (chunk[j] as Paper).upvotes;
              if (up !== null && up >= arg) stack[top + (j >> 5)] = (stack[top + (j >> 5)] as number) | (1 << (j & 31));
            }
            sp++;
            break;
          case OP.NOT: {
            const at = top - W;
            for (let w = 0; w < words; w++) stack[at + w] = ~(stack[at + w] as number) & (valid[w] as number);
            break;
          }
          default: {
            // AND / OR of the top `arg` values, into the first of them.
            const base = (sp - arg) * W;
            for (let k = 1; k < arg; k++) {
              const at = base + k * W;
              if (op === OP.AND) for (let w = 0; w < words; w++) stack[base + w] = (stack[base + w] as number) & (stack[at + w] as number);
              else for (let w = 0; w < words; w++) stack[base + w] = (stack[base + w] as number) | (stack[at + w] as number);
            }
            sp -= arg - 1;
          }
        }
      }
      for (let w = 0; w < words; w++) {
        let x = stack[w] as number;
        while (x !== 0) {
          const low = x & -x;
          if (pairs === this.pairBody.length) {
            this.pairBody = grownInt32(this.pairBody, pairs + 1);
            this.pairPaper = grownInt32(this.pairPaper, pairs + 1);
          }
          this.pairBody[pairs] = b;
          this.pairPaper[pairs++] = (w << 5) + 31 - Math.clz32(low);
          x ^= low;
        }
      }
    }
    this.groupPairs(pairs, chunk.length);
  }

  /** Counting sort of the (body, paper) matches by paper, bodies staying in order. */
  private groupPairs(pairs: number, papers: number): void {
    const start = this.pairStart;
    start.fill(0, 0, papers + 1);
    for (let i = 0; i < pairs; i++) { const k = (this.pairPaper[i] as number) + 1; start[k] = (start[k] as number) + 1; }
    for (let j = 0; j < papers; j++) start[j + 1] = (start[j + 1] as number) + (start[j] as number);
    this.byPaper = grownInt32(this.byPaper, pairs);
    const fill = start.slice(0, papers);
    for (let i = 0; i < pairs; i++) {
      const j = this.pairPaper[i] as number;
      this.byPaper[fill[j] as number] = this.pairBody[i] as number;
      fill[j] = (fill[j] as number) + 1;
    }
  }

  /** Scores each paper's matches from what its scan recorded, into `out`. */
  private collect(chunk: readonly Paper[], out: MatchRows): void {
    const { finder, ix } = this.m;
    for (let j = 0; j < chunk.length; j++) {
      finder.recall(chunk[j] as Paper, this.atoms, this.masks, this.atomStart[j] as number, this.atomStart[j + 1] as number);
      const { start, items } = ix.atomSimple;
      for (const atom of finder.found) {
        const found = finder.atomFound[atom] as number;
        const bits = (MASK_WEIGHT[found] as number) * 2 + (found & FIELD_BIT.title);
        for (let i = start[atom] as number, end = start[atom + 1] as number; i < end; i++) out.add(items[i] as number, bits);
      }
      for (let i = this.pairStart[j] as number, end = this.pairStart[j + 1] as number; i < end; i++) {
        const b = this.byPaper[i] as number;
        out.add(b, finder.scoreBits(b));
      }
      out.endPaper();
    }
  }
}
