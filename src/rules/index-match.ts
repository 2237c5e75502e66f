import { ACRONYM_ENTRIES, acronymInText, acronymKey } from './acronyms.js';
import type { TextField } from './ast.js';
import type { RuleMatch } from './engine.js';
import { FIELD_BIT, TEXT_FIELDS, WEIGHT } from './fields.js';
import { foldWord } from './fold.js';
import { positivesOf, type Leaf, type RuleIndex, type TrieNode } from './index-build.js';
import { BodyHits, LazyRuleMatch, PaperScan } from './lazy-match.js';
import { OP, runProgram, type Truth } from './program.js';
import { nameKey } from './phrase.js';
import { joinSegments, visitWords } from './tokenize.js';
import { FieldWords, ScanWords, WordTable } from './word-table.js';
import type { Paper } from '../papers/paper.js';

/** Score of a text term by the fields it was found in (bit mask → summed weights). */
const MASK_WEIGHT = Array.from({ length: 16 }, (_, mask) => TEXT_FIELDS.reduce((s, f) => s + (mask & FIELD_BIT[f] ? WEIGHT[f] : 0), 0));

function fieldText(p: Paper, f: TextField): string {
  switch (f) {
    case 'title': return p.title;
    case 'abstract': return p.abstract;
    case 'keywords': return joinSegments(p.aiKeywords);
    case 'authors': return joinSegments(p.authors);
  }
}

/**
 * Matches papers against a built index in one pass per paper: a trie walk over
 * each field's words finds every text atom present, and only the rules anchored
 * on those atoms are evaluated. Scratch arrays are reused across papers and
 * reset by stamping, so matching allocates little beyond its results.
 */
export class IndexMatcher implements Truth {
  private stamp = 0;
  private readonly atomStamp: Uint32Array;
  private readonly atomFound: Uint8Array;
  private readonly ruleStamp: Uint32Array;
  /** Paper words (folded, and acronyms as written) and author name words to key ids. */
  private readonly words: WordTable;
  private readonly names: WordTable;
  // Scratch, emptied per paper rather than replaced: a paper's candidates never outlive its scan.
  private readonly candidates: number[] = [];
  private readonly foundAtoms: number[] = [];
  /** Bodies matched in the current paper, with their score and title flag by body. */
  private readonly hitBodies: number[] = [];
  private readonly bodyScore: Int32Array;
  private readonly bodyTitle: Uint8Array;
  private readonly catStamp: Uint32Array;
  private readonly positives: (rule: number) => readonly Leaf[];
  private paper: Paper | null = null;
  private readonly scratch = new ScanWords();
  /** A paper's fields with word extents, for explanations: built only when a match's hits are read. */
  private readonly readFields = (paper: Paper): FieldWords[] =>
    TEXT_FIELDS.map((f) => {
      const words = new FieldWords(fieldText(paper, f), f === 'authors' ? this.names : this.words);
      visitWords(words.text, words);
      return words;
    });
  /** Rule ids by body, sliced on first match; filled with undefined up front so the array stays packed, not a dictionary. */
  private readonly bodyIds: (readonly string[] | undefined)[];

  constructor(private readonly ix: RuleIndex) {
    const n = ix.atomMask.length;
    this.atomStamp = new Uint32Array(n);
    this.atomFound = new Uint8Array(n);
    this.ruleStamp = new Uint32Array(ix.bodyCount);
    this.bodyScore = new Int32Array(ix.bodyCount);
    this.bodyTitle = new Uint8Array(ix.bodyCount);
    this.bodyIds = new Array<readonly string[] | undefined>(ix.bodyCount).fill(undefined);
    this.catStamp = new Uint32Array(ix.categoryRules.length);
    this.positives = (rule) => positivesOf(ix, rule);
    const acronymIds = new Map<string, number>();
    for (const e of ACRONYM_ENTRIES) {
      const id = ix.vocab.get(acronymKey(e.name));
      if (id !== undefined) acronymIds.set(e.name, id);
    }
    this.words = new WordTable((word) => {
      const acr = acronymInText(word);
      return [ix.vocab.get(foldWord(word)) ?? -1, acr ? acronymIds.get(acr) ?? -1 : -1];
    });
    this.names = new WordTable((word) => [ix.vocab.get(nameKey(word)) ?? -1, -1]);
  }

  /** Finds the bodies matched in `paper` (into hitBodies, bodyScore, bodyTitle) and keeps its words for explanations. */
  private scanPaper(paper: Paper): PaperScan {
    const ix = this.ix;
    this.stamp++;
    this.paper = paper;
    this.candidates.length = 0;
    this.foundAtoms.length = 0;
    const scan = new PaperScan(paper, this.readFields, ix.atomAlts, ix.atomMask, this.positives);
    const words = this.scratch;
    for (const f of TEXT_FIELDS) {
      const text = fieldText(paper, f);
      words.reset(text, f === 'authors' ? this.names : this.words);
      visitWords(text, words);
      this.scanField(FIELD_BIT[f], words.n, words.pos, words.w, words.a);
    }
    for (const c of paper.categories) {
      const l = c.toLowerCase();
      this.markCategory(l);
      const dot = l.indexOf('.');
      if (dot > 0) this.markCategory(l.slice(0, dot));
    }
    if (paper.upvotes !== null) {
      for (const u of ix.upvoteRules) {
        if (u.min > paper.upvotes) break;
        this.addRule(u.rule);
      }
    }
    // A lone-term rule matches when its atom is found; its score depends on the atom alone.
    const hit = this.hitBodies;
    hit.length = 0;
    for (const atom of this.foundAtoms) {
      const simple = ix.atomSimple[atom] as number[];
      if (simple.length === 0) continue;
      const found = this.atomFound[atom] as number;
      for (const b of simple) {
        this.bodyScore[b] = MASK_WEIGHT[found] as number;
        this.bodyTitle[b] = found & FIELD_BIT.title;
        hit.push(b);
      }
    }
    for (const b of this.candidates) {
      if (runProgram(ix.code, ix.codeStart[b] as number, ix.codeStart[b + 1] as number, this)) {
        this.score(b);
        hit.push(b);
      }
    }
    return scan;
  }

  /** The rule texts matched in `paper`, each with the ids holding it. */
  matchTexts(paper: Paper): BodyHits[] {
    const scan = this.scanPaper(paper);
    const hit = this.hitBodies;
    const out = new Array<BodyHits>(hit.length);
    for (let i = 0; i < hit.length; i++) {
      const b = hit[i] as number;
      out[i] = new BodyHits(scan, b, this.idsOf(b), this.bodyScore[b] as number, this.bodyTitle[b] !== 0);
    }
    return out;
  }

  /**
   * One RuleMatch per rule holding a matched text, in an array allocated at
   * its final size: with 100,000 rules a paper can match thousands, and
   * growing the array by push copies it over and over.
   */
  match(paper: Paper): RuleMatch[] {
    const texts = this.matchTexts(paper);
    let total = 0;
    for (const t of texts) total += t.ruleIds.length;
    const out = new Array<RuleMatch>(total);
    let o = 0;
    for (const t of texts) for (const id of t.ruleIds) out[o++] = new LazyRuleMatch(id, t);
    return out;
  }

  /** Body b's rule ids, sliced on first match and kept: most bodies never match, most that do match again. */
  private idsOf(b: number): readonly string[] {
    let ids = this.bodyIds[b];
    if (ids === undefined) {
      const { bodyStart, bodyRuleIds } = this.ix;
      ids = this.bodyIds[b] = bodyRuleIds.slice(bodyStart[b] as number, bodyStart[b + 1] as number);
    }
    return ids;
  }

  atom(a: number): boolean {
    return this.atomStamp[a] === this.stamp;
  }

  category(id: number): boolean {
    return this.catStamp[id] === this.stamp;
  }

  upvotes(min: number): boolean {
    return this.paper !== null && this.paper.upvotes !== null && this.paper.upvotes >= min;
  }

  private markCategory(value: string): void {
    const id = this.ix.categoryIds.get(value);
    if (id === undefined) return;
    this.catStamp[id] = this.stamp;
    this.addRules(this.ix.categoryRules[id]);
  }

  private addRules(list: readonly number[] | undefined): void {
    if (!list) return;
    for (const r of list) this.addRule(r);
  }

  private addRule(r: number): void {
    if (this.ruleStamp[r] !== this.stamp) {
      this.ruleStamp[r] = this.stamp;
      this.candidates.push(r);
    }
  }




  private found(atoms: readonly number[], bit: number): void {
    for (const atom of atoms) {
      if (((this.ix.atomMask[atom] as number) & bit) === 0) continue;
      if (this.atomStamp[atom] !== this.stamp) {
        this.atomStamp[atom] = this.stamp;
        this.atomFound[atom] = bit;
        this.foundAtoms.push(atom);
        this.addRules(this.ix.atomRules[atom]);
      } else this.atomFound[atom] = (this.atomFound[atom] as number) | bit;
    }
  }

  /** Walks the trie from every word (and acronym) of a field; a phrase continues only to the next position. */
  private scanField(bit: number, n: number, pos: Int32Array, w: Int32Array, a: Int32Array): void {
    const roots = this.ix.roots;
    for (let i = 0; i < n; i++) {
      const wi = w[i] as number;
      const r1 = wi >= 0 ? roots[wi] : undefined;
      if (r1) this.walk(r1, i, bit, n, pos, w, a);
      const ai = a[i] as number;
      const r2 = ai >= 0 ? roots[ai] : undefined;
      if (r2) this.walk(r2, i, bit, n, pos, w, a);
    }
  }

  private walk(node: TrieNode, j: number, bit: number, n: number, pos: Int32Array, w: Int32Array, a: Int32Array): void {
    if (node.atoms) this.found(node.atoms, bit);
    const next = node.next;
    if (!next || j + 1 >= n || pos[j + 1] !== (pos[j] as number) + 1) return;
    const c1 = next.get(w[j + 1] as number);
    if (c1) this.walk(c1, j + 1, bit, n, pos, w, a);
    const ak = a[j + 1] as number;
    const c2 = ak >= 0 ? next.get(ak) : undefined;
    if (c2) this.walk(c2, j + 1, bit, n, pos, w, a);
  }


  /** Score and title flag now (ranking needs them); snippets only when someone reads `hits`. */
  private score(r: number): void {
    const ix = this.ix;
    let score = 0;
    let titleHit = false;
    for (let i = ix.posStart[r] as number, end = ix.posStart[r + 1] as number; i < end; i++) {
      const kind = ix.posKind[i] as number;
      const v = ix.posVal[i] as number;
      if (kind === OP.ATOM) {
        if (this.atomStamp[v] !== this.stamp) continue;
        const found = this.atomFound[v] as number;
        score += MASK_WEIGHT[found] as number;
        if (found & FIELD_BIT.title) titleHit = true;
      } else if (kind === OP.CAT ? this.category(v) : this.upvotes(v)) {
        score += kind === OP.CAT ? WEIGHT.category : WEIGHT.upvotes;
      }
    }
    this.bodyScore[r] = score;
    this.bodyTitle[r] = titleHit ? 1 : 0;
  }
}
