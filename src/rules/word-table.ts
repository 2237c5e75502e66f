import type { WordSink } from './tokenize.js';

const START_CAPACITY = 1024;

/**
 * Turns a word into index key ids. An object with a method rather than a
 * closure: optimized code holds on to the functions it calls, and a closure
 * made per compiled index would die with that index and throw away the
 * optimized matcher along with it, every cycle.
 */
export interface WordResolver {
  /**
   * A word's key id, its second key id (the acronym it is written as, the
   * other word of an ambiguous plural, a name's transliteration) and, for
   * name words, the key id of its initial; -1 for none.
   */
  resolve(word: string): readonly [id: number, second: number, initial?: number];
}
/** Past this many distinct words the table starts over: a long-running matcher must not grow without end. */
const MAX_WORDS = 200_000;

/**
 * Paper words to index key ids, looked up where the text holds them: the word
 * is hashed from its characters and compared in place, so a word seen before
 * costs no substring and no string hashing (with 100,000 rules, cutting out
 * and hashing every word of every paper was a fifth of matching).
 * The resolver gives a new word's key ids (-1 for none).
 */
export class WordTable {
  private mask = START_CAPACITY - 1;
  private size = 0;
  private hashes = new Int32Array(START_CAPACITY);
  private keys: (string | undefined)[] = new Array<string | undefined>(START_CAPACITY);
  /** Key id, second key id and initial's key id of the word in each slot. */
  ids = new Int32Array(START_CAPACITY);
  seconds = new Int32Array(START_CAPACITY);
  initials = new Int32Array(START_CAPACITY);

  constructor(
    private readonly resolver: WordResolver,
    private readonly maxWords = MAX_WORDS,
  ) {}

  /** The slot holding text[start, end), filled on first sight; `h` is its wordHash, which visitWords works out as it reads. */
  slot(text: string, start: number, end: number, h: number): number {
    const len = end - start;
    let idx = h & this.mask;
    for (let k = this.keys[idx]; k !== undefined; k = this.keys[idx]) {
      if (this.hashes[idx] === h && k.length === len && text.startsWith(k, start)) return idx;
      idx = (idx + 1) & this.mask;
    }
    if (this.size >= this.maxWords) {
      this.reset(START_CAPACITY);
      return this.slot(text, start, end, h);
    }
    if ((this.size + 1) * 2 > this.mask + 1) {
      this.grow();
      return this.slot(text, start, end, h);
    }
    const word = text.slice(start, end);
    const [id, second, initial] = this.resolver.resolve(word);
    this.keys[idx] = word;
    this.hashes[idx] = h;
    this.ids[idx] = id;
    this.seconds[idx] = second;
    this.initials[idx] = initial ?? -1;
    this.size++;
    return idx;
  }

  private reset(capacity: number): void {
    this.mask = capacity - 1;
    this.size = 0;
    this.hashes = new Int32Array(capacity);
    this.keys = new Array<string | undefined>(capacity);
    this.ids = new Int32Array(capacity);
    this.seconds = new Int32Array(capacity);
    this.initials = new Int32Array(capacity);
  }

  private grow(): void {
    const { hashes, keys, ids, seconds, initials } = this;
    this.reset((this.mask + 1) * 2);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (k === undefined) continue;
      let idx = (hashes[i] as number) & this.mask;
      while (this.keys[idx] !== undefined) idx = (idx + 1) & this.mask;
      this.keys[idx] = k;
      this.hashes[idx] = hashes[i] as number;
      this.ids[idx] = ids[i] as number;
      this.seconds[idx] = seconds[i] as number;
      this.initials[idx] = initials[i] as number;
      this.size++;
    }
  }
}

/** One field of a paper as the matcher sees it: each word's position, extent and key ids (first, second, initial). */
export class FieldWords implements WordSink {
  readonly pos: number[] = [];
  readonly start: number[] = [];
  readonly end: number[] = [];
  readonly w: number[] = [];
  readonly a: number[] = [];
  readonly ini: number[] = [];
  constructor(
    readonly text: string,
    private readonly table: WordTable,
  ) {}

  /** For an authors field: words q and q + 1 are one author's, no segment mark ("|", see joinSegments) between them. */
  sameAuthor(q: number): boolean {
    const bar = this.text.indexOf('|', this.end[q] as number);
    return bar < 0 || bar >= (this.start[q + 1] as number);
  }

  word(start: number, end: number, pos: number, hash: number): void {
    const t = this.table;
    const slot = t.slot(this.text, start, end, hash);
    this.pos.push(pos);
    this.start.push(start);
    this.end.push(end);
    this.w.push(t.ids[slot] as number);
    this.a.push(t.seconds[slot] as number);
    this.ini.push(t.initials[slot] as number);
  }
}

/**
 * A field's words for the trie walk only (position, key ids),
 * in typed arrays reused from paper to paper: matching then allocates nothing
 * per word. Explanations re-read the field into a FieldWords when asked.
 */
export class ScanWords implements WordSink {
  n = 0;
  pos: Int32Array = new Int32Array(512);
  w: Int32Array = new Int32Array(512);
  a: Int32Array = new Int32Array(512);
  ini: Int32Array = new Int32Array(512);
  private text = '';
  private table: WordTable | null = null;

  /** Name matching reads one author at a time from here (see AtomFinder.scan): all words are that author's. */
  sameAuthor(): boolean {
    return true;
  }

  reset(text: string, table: WordTable): void {
    this.text = text;
    this.table = table;
    this.n = 0;
  }

  word(start: number, end: number, pos: number, hash: number): void {
    const t = this.table as WordTable;
    const slot = t.slot(this.text, start, end, hash);
    if (this.n === this.w.length) this.grow();
    const n = this.n++;
    this.pos[n] = pos;
    this.w[n] = t.ids[slot] as number;
    this.a[n] = t.seconds[slot] as number;
    this.ini[n] = t.initials[slot] as number;
  }

  private grow(): void {
    const size = this.w.length * 2;
    const copy = (from: Int32Array): Int32Array => {
      const to = new Int32Array(size);
      to.set(from);
      return to;
    };
    this.pos = copy(this.pos);
    this.w = copy(this.w);
    this.a = copy(this.a);
    this.ini = copy(this.ini);
  }
}
