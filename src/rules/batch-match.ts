import { type BatchMatches, MatchRows } from './batch-matches.js';
import { groupByKey, IntBuffer } from './id-lists.js';
import type { IndexMatcher } from './index-match.js';
import { OP } from './program.js';
import { scoreBits, type ScoreFacts } from './score.js';
import type { Paper } from '../papers/paper.js';

/** At most this many papers per chunk (32 per machine word of a row). */
const MAX_CHUNK = 1024;
/** Bytes allowed for the per-chunk table of (atom, paper) field bits: the chunk shrinks for indexes with many atoms. */
const MASK_TABLE_BYTES = 16 << 20;

// Scratch shared by every matcher (matching is synchronous, one batch at a time): a chunk's matches as (body, paper), in body order.
const pairBody = new IntBuffer(1 << 16);
const pairPaper = new IntBuffer(1 << 16);

/**
 * A day's papers against every rule in one pass. Each paper is scanned once:
 * its atoms and categories become bits in per-atom rows (bit j: paper j of
 * the chunk), and the fields each atom was found in go into a table by
 * (atom, paper). Then each rule text's program runs once for the whole chunk
 * on those rows, 32 papers per machine word, instead of once per candidate
 * paper (with 100,000 rules a paper is a candidate for ~600 texts), and each
 * set bit of its result is a match, scored from the table. Matches are
 * written as rows of typed arrays, paper by paper.
 */
export class BatchMatcher implements ScoreFacts {
  private readonly chunk: number;
  /** Words per row. */
  private readonly W: number;
  /** Row of each atom and category, valid when its stamp is the chunk's. */
  private readonly atomRows: Int32Array;
  private readonly atomChunk: Uint32Array;
  /** Field bits of atom a in paper j of the chunk: masks[a * chunk + j], valid with the atom's row. */
  private readonly masks: Uint8Array;
  private readonly catRows: Int32Array;
  private readonly catChunk: Uint32Array;
  private chunkStamp = 0;
  /** Atoms found in the current chunk. */
  private readonly touched = new IntBuffer();
  /** Bodies with a program (not a lone term, not invalid). */
  private readonly programs: Int32Array;
  private readonly stack: Int32Array;
  private readonly valid: Int32Array;
  /** Each paper's HF upvotes (-1: none), by its place in the chunk. */
  private readonly paperUpvotes: Int32Array;
  /** The paper ScoreFacts answers for. */
  private scored = 0;

  constructor(private readonly m: IndexMatcher) {
    const ix = m.ix;
    const atoms = ix.atomMask.length;
    let chunk = MAX_CHUNK;
    while (chunk > 32 && chunk * atoms > MASK_TABLE_BYTES) chunk /= 2;
    this.chunk = chunk;
    this.W = this.chunk / 32;
    this.atomRows = new Int32Array(atoms * this.W);
    this.atomChunk = new Uint32Array(atoms);
    this.masks = new Uint8Array(atoms * this.chunk);
    this.catRows = new Int32Array(ix.categoryValues.length * this.W);
    this.catChunk = new Uint32Array(ix.categoryValues.length);
    this.valid = new Int32Array(this.W);
    this.paperUpvotes = new Int32Array(this.chunk);
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
    for (let from = 0; from < papers.length; from += this.chunk) {
      const chunk = papers.slice(from, from + this.chunk);
      pairBody.length = pairPaper.length = 0;
      this.scanChunk(chunk);
      this.simpleMatches();
      this.runPrograms(chunk.length);
      this.write(chunk.length, out);
    }
    return out.done(papers, this.m);
  }

  private scanChunk(chunk: readonly Paper[]): void {
    const { finder } = this.m;
    const stamp = ++this.chunkStamp;
    const C = this.chunk;
    this.touched.length = 0;
    this.valid.fill(0);
    for (let j = 0; j < chunk.length; j++) {
      const paper = chunk[j] as Paper;
      const word = j >> 5;
      const bit = 1 << (j & 31);
      this.valid[word] = (this.valid[word] as number) | bit;
      this.paperUpvotes[j] = paper.upvotes ?? -1;
      finder.scan(paper);
      for (const atom of finder.found) {
        if (this.atomChunk[atom] !== stamp) {
          this.atomChunk[atom] = stamp;
          this.atomRows.fill(0, atom * this.W, (atom + 1) * this.W);
          this.masks.fill(0, atom * C, atom * C + chunk.length);
          this.touched.push(atom);
        }
        this.atomRows[atom * this.W + word] = (this.atomRows[atom * this.W + word] as number) | bit;
        this.masks[atom * C + j] = finder.atomFound[atom] as number;
      }
      for (const id of finder.categories) {
        if (this.catChunk[id] !== stamp) {
          this.catChunk[id] = stamp;
          this.catRows.fill(0, id * this.W, (id + 1) * this.W);
        }
        this.catRows[id * this.W + word] = (this.catRows[id * this.W + word] as number) | bit;
      }
    }
  }

  /** A lone-term rule text matches every paper its atom was found in. */
  private simpleMatches(): void {
    const { start, items } = this.m.ix.atomSimple;
    for (let t = 0; t < this.touched.length; t++) {
      const atom = this.touched.data[t] as number;
      const from = start[atom] as number;
      const to = start[atom + 1] as number;
      if (from === to) continue;
      const row = atom * this.W;
      for (let w = 0; w < this.W; w++) {
        for (let x = this.atomRows[row + w] as number; x !== 0; x &= x - 1) {
          const j = (w << 5) + 31 - Math.clz32(x & -x);
          for (let i = from; i < to; i++) pair(items[i] as number, j);
        }
      }
    }
  }

  /** Runs every program once over the chunk's rows; each set bit of a result is a (body, paper) match. */
  private runPrograms(papers: number): void {
    const { code, codeStart } = this.m.ix;
    const { W, stack, valid, atomRows, atomChunk, catRows, catChunk, paperUpvotes } = this;
    const stamp = this.chunkStamp;
    const words = (papers + 31) >> 5;
    for (let p = 0; p < this.programs.length; p++) {
      const b = this.programs[p] as number;
      let sp = 0;
      for (let i = codeStart[b] as number, end = codeStart[b + 1] as number; i < end; i += 2) {
        const op = code[i] as number;
        const arg = code[i + 1] as number;
        const top = sp * W;
        if (op === OP.ATOM || op === OP.CAT) {
          const rows = op === OP.ATOM ? atomRows : catRows;
          if ((op === OP.ATOM ? atomChunk : catChunk)[arg] === stamp) {
            const at = arg * W;
            for (let w = 0; w < words; w++) stack[top + w] = rows[at + w] as number;
          } else stack.fill(0, top, top + words);
          sp++;
        } else if (op === OP.UP) {
          stack.fill(0, top, top + words);
          for (let j = 0; j < papers; j++) if ((paperUpvotes[j] as number) >= arg) stack[top + (j >> 5)] = (stack[top + (j >> 5)] as number) | (1 << (j & 31));
          sp++;
        } else if (op === OP.NOT) {
          const at = top - W;
          for (let w = 0; w < words; w++) stack[at + w] = ~(stack[at + w] as number) & (valid[w] as number);
        } else {
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
      for (let w = 0; w < words; w++) {
        for (let x = stack[w] as number; x !== 0; x &= x - 1) {
          const j = (w << 5) + 31 - Math.clz32(x & -x);
          pair(b, j);
        }
      }
    }
  }

  // What scoring reads (ScoreFacts), for paper `scored` of the chunk, from the chunk's rows and field table.
  fields(atom: number): number {
    return this.atomChunk[atom] === this.chunkStamp ? (this.masks[atom * this.chunk + this.scored] as number) : 0;
  }

  category(id: number): boolean {
    const j = this.scored;
    return this.catChunk[id] === this.chunkStamp && ((this.catRows[id * this.W + (j >> 5)] as number) & (1 << (j & 31))) !== 0;
  }

  upvotes(min: number): boolean {
    return (this.paperUpvotes[this.scored] as number) >= min;
  }

  /** The chunk's matches into `out`, paper by paper (bodies keep their order), scored on the way. */
  private write(papers: number, out: MatchRows): void {
    const n = pairPaper.length;
    const { start, items: bodies } = groupByKey(pairPaper.data, n, papers, pairBody.data);
    const base = out.reserve(n);
    const toBody = out.bodies.data;
    const toBits = out.bits.data;
    for (let j = 0; j < papers; j++) {
      this.scored = j;
      for (let k = start[j] as number, end = start[j + 1] as number; k < end; k++) {
        const b = bodies[k] as number;
        toBody[base + k] = b;
        toBits[base + k] = scoreBits(this.m.ix, b, this);
      }
      out.endPaper(base + (start[j + 1] as number));
    }
  }
}

function pair(body: number, paper: number): void {
  pairBody.push(body);
  pairPaper.push(paper);
}
