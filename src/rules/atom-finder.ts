import { ACRONYM_ENTRIES, acronymInText, acronymKey } from './acronyms.js';
import type { TextField } from './ast.js';
import { FIELD_BIT, TEXT_FIELDS } from './fields.js';
import { wordKeys } from './fold.js';
import type { RuleIndex } from './index-build.js';
import { scanNames } from './names.js';
import type { PhraseTrie } from './phrase-trie.js';
import { initialKey, nameKey, translitKey } from './phrase.js';
import { readTex } from './tex.js';
import type { Truth } from './program.js';
import type { ScoreFacts } from './score.js';
import { joinSegments, visitWords } from './tokenize.js';
import { FieldWords, ScanWords, WordTable, type WordResolver } from './word-table.js';
import type { Paper } from '../papers/paper.js';

/** A field of a paper as a reader sees it (TeX markup read, see tex.ts): what matching and snippets read. */
export function fieldText(p: Paper, f: TextField): string {
  switch (f) {
    case 'title':
      return readTex(p.title);
    case 'abstract':
      return readTex(p.abstract);
    case 'keywords':
      return readTex(joinSegments(p.aiKeywords));
    case 'authors':
      return readTex(joinSegments(p.authors));
  }
}

/** Paper words: folded (see fold.ts), and as the acronym they are when written as one ("LLMs") or the other word an ambiguous plural may be. */
class TextWords implements WordResolver {
  private readonly acronymIds = new Map<string, number>();
  constructor(private readonly vocab: ReadonlyMap<string, number>) {
    for (const e of ACRONYM_ENTRIES) {
      const id = vocab.get(acronymKey(e.name));
      if (id !== undefined) this.acronymIds.set(e.name, id);
    }
  }

  resolve(word: string): readonly [number, number] {
    const acr = acronymInText(word);
    const [key, other] = wordKeys(word);
    const second = acr ? (this.acronymIds.get(acr) ?? -1) : other !== null ? (this.vocab.get(other) ?? -1) : -1;
    return [this.vocab.get(key) ?? -1, second];
  }
}

/** Author name words: case and accents folded, their transliteration (Müller as Mueller) and their initial. */
class NameWords implements WordResolver {
  constructor(private readonly vocab: ReadonlyMap<string, number>) {}

  resolve(word: string): readonly [number, number, number] {
    const t = translitKey(word);
    return [this.vocab.get(nameKey(word)) ?? -1, t === null ? -1 : (this.vocab.get(t) ?? -1), this.vocab.get(initialKey(word)) ?? -1];
  }
}

/**
 * Which text atoms and categories of an index one paper holds, and in which
 * fields: a trie walk over each field's words. The state is stamped, not
 * cleared: `scan` starts a new paper, and atomFound/catStamp are
 * read against the current stamp. Both matchers (one paper, a batch) sit on it.
 */
export class AtomFinder implements Truth, ScoreFacts {
  stamp = 0;
  readonly atomStamp: Uint32Array;
  /** Field bits an atom was found in, valid while atomStamp[atom] === stamp. */
  readonly atomFound: Uint8Array;
  /** The current paper's atoms, in the order first found. */
  readonly found: number[] = [];
  readonly catStamp: Uint32Array;
  /** The current paper's category ids. */
  readonly categories: number[] = [];
  paper: Paper | null = null;
  /** Paper words (folded, and acronyms as written) and author name words to key ids. */
  private readonly words: WordTable;
  private readonly names: WordTable;
  private readonly scratch = new ScanWords();

  private readonly trie: PhraseTrie;

  constructor(private readonly ix: RuleIndex) {
    this.trie = ix.trie;
    this.atomStamp = new Uint32Array(ix.atomMask.length);
    this.atomFound = new Uint8Array(ix.atomMask.length);
    this.catStamp = new Uint32Array(ix.categoryValues.length);
    this.words = new WordTable(new TextWords(ix.vocab));
    this.names = new WordTable(new NameWords(ix.vocab));
  }

  /** Finds every atom and category of the index in `paper`. */
  scan(paper: Paper): void {
    this.stamp++;
    this.paper = paper;
    this.found.length = 0;
    this.categories.length = 0;
    for (const c of paper.categories) {
      const l = c.toLowerCase();
      this.markCategory(l);
      const dot = l.indexOf('.');
      if (dot > 0) this.markCategory(l.slice(0, dot));
    }
    const words = this.scratch;
    for (const f of TEXT_FIELDS) {
      if (f === 'authors') continue;
      const text = fieldText(paper, f);
      words.reset(text, this.words);
      visitWords(text, words);
      this.scanField(FIELD_BIT[f], words.n, words.pos, words.w, words.a);
    }
    // Names are matched one author at a time, so "S." in "Santosh S. Vempala" is no break and no name runs into the next.
    if (this.ix.names.atom.length > 0) {
      for (const author of paper.authors) {
        const text = readTex(author);
        words.reset(text, this.names);
        visitWords(text, words);
        scanNames(this.ix.names, words, words.n, this.nameFound);
      }
    }
  }

  /** A name atom matched in the authors field. */
  private readonly nameFound = (atom: number): void => this.mark(atom, FIELD_BIT.authors);

  /** A paper's fields with word extents, for explanations. */
  readFields(paper: Paper): FieldWords[] {
    return TEXT_FIELDS.map((f) => {
      const words = new FieldWords(fieldText(paper, f), f === 'authors' ? this.names : this.words);
      visitWords(words.text, words);
      return words;
    });
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

  fields(atom: number): number {
    return this.atomStamp[atom] === this.stamp ? (this.atomFound[atom] as number) : 0;
  }

  private markCategory(value: string): void {
    const id = this.ix.categoryIds.get(value);
    if (id === undefined || this.catStamp[id] === this.stamp) return;
    this.catStamp[id] = this.stamp;
    this.categories.push(id);
  }

  /** The atoms ending at trie node `node`, found in a field with this bit. */
  private foundAt(node: number, bit: number): void {
    const { start, items } = this.trie.atoms;
    for (let i = start[node] as number, end = start[node + 1] as number; i < end; i++) {
      const atom = items[i] as number;
      if (((this.ix.atomMask[atom] as number) & bit) === 0) continue;
      this.mark(atom, bit);
    }
  }

  private mark(atom: number, bit: number): void {
    if (this.atomStamp[atom] !== this.stamp) {
      this.atomStamp[atom] = this.stamp;
      this.atomFound[atom] = bit;
      this.found.push(atom);
    } else this.atomFound[atom] = (this.atomFound[atom] as number) | bit;
  }

  /** Walks the trie from every word (and acronym) of a field; a phrase continues only to the next position. */
  private scanField(bit: number, n: number, pos: Int32Array, w: Int32Array, a: Int32Array): void {
    const trie = this.trie;
    for (let i = 0; i < n; i++) {
      const wi = w[i] as number;
      const r1 = wi >= 0 ? trie.root(wi) : -1;
      if (r1 >= 0) this.walk(r1, i, bit, n, pos, w, a);
      const ai = a[i] as number;
      const r2 = ai >= 0 ? trie.root(ai) : -1;
      if (r2 >= 0) this.walk(r2, i, bit, n, pos, w, a);
    }
  }

  private walk(node: number, j: number, bit: number, n: number, pos: Int32Array, w: Int32Array, a: Int32Array): void {
    this.foundAt(node, bit);
    const trie = this.trie;
    if (!trie.branches(node) || j + 1 >= n || pos[j + 1] !== (pos[j] as number) + 1) return;
    const c1 = trie.child(node, w[j + 1] as number);
    if (c1 >= 0) this.walk(c1, j + 1, bit, n, pos, w, a);
    const ak = a[j + 1] as number;
    const c2 = ak >= 0 ? trie.child(node, ak) : -1;
    if (c2 >= 0) this.walk(c2, j + 1, bit, n, pos, w, a);
  }
}
