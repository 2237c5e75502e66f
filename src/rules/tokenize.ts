/**
 * Words of a text with where they sit. Anything not a letter or digit
 * separates words (hyphens, dashes, slashes, line breaks too), except
 * invisible characters inside a word (a soft hyphen, a zero-width space or
 * joiner): "pre\u00ADtrained" is one word, as a reader sees it. A possessive
 * "'s" is dropped. Sentence punctuation and brackets also leave a gap in `pos`, so a
 * phrase never runs across "graph. Neural networks" or between two keywords.
 */
export interface Tokens {
  text: string;
  /** Each word as written, possessive dropped. */
  words: string[];
  /** Phrase position: consecutive words differ by exactly 1. */
  pos: number[];
  start: number[];
  end: number[];
}

const LETTER = /[\p{L}\p{N}\p{M}]/u;
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/u;

// Character classes, looked up by UTF-16 code unit: one array read per character instead of range checks and a regex.
const SEP = 0;
const WORD = 1;
/** Always a phrase break: brackets and quotes. */
const HARD = 2;
/** A break when it ends a clause ("graph. Neural"), not inside a token ("cs.LG", "3.5"). */
const SOFT = 3;
/** Half of a surrogate pair: decided with its other half. */
const PAIR = 4;
/** Invisible (soft hyphen, zero-width space, joiners): part of a word when a word character follows, else a separator. */
const IGN = 5;
const UNKNOWN = 255;
const HARD_BREAKS = '()[]{}"“”«»';
const SOFT_BREAKS = '.,;:!?·•|';
const CLASS = new Uint8Array(65536).fill(UNKNOWN);

/** Filled on first sight: most texts use a few hundred distinct code units. */
function classify(c: number): number {
  const ch = String.fromCharCode(c);
  const k =
    c >= 0xd800 && c <= 0xdfff
      ? PAIR
      : LETTER.test(ch)
        ? WORD
        : INVISIBLE.test(ch)
          ? IGN
          : HARD_BREAKS.includes(ch)
            ? HARD
            : SOFT_BREAKS.includes(ch)
              ? SOFT
              : SEP;
  CLASS[c] = k;
  return k;
}
for (let c = 0; c < 128; c++) classify(c);

/** A surrogate half is a word character when its pair is a letter, digit or mark. */
function pairIsWord(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c <= 0xdbff) return LETTER.test(String.fromCodePoint(text.codePointAt(i) ?? 0));
  const before = text.charCodeAt(i - 1);
  return i > 0 && before >= 0xd800 && before <= 0xdbff && pairIsWord(text, i - 1);
}

function isWordAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  let k = CLASS[c] as number;
  if (k === UNKNOWN) k = classify(c);
  return k === WORD || (k === PAIR && pairIsWord(text, i));
}

function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  const k = CLASS[c] as number;
  return k === UNKNOWN ? classify(c) : k;
}

/** At an invisible character inside a word: does a word character follow the run of invisibles, so the word goes on? */
function wordGoesOn(text: string, i: number): boolean {
  let j = i;
  while (j < text.length && classAt(text, j) === IGN) j++;
  return j < text.length && isWordAt(text, j);
}

/** Receives each word of a text: where it is written, its phrase position and a hash of its characters (FNV-1a over its UTF-16 code units). */
export interface WordSink {
  word(start: number, end: number, pos: number, hash: number): void;
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/**
 * Finds the words of `text` without cutting them out, hashing each as it goes:
 * the matcher looks words up in place, so reading a paper touches each
 * character once.
 */
export function visitWords(text: string, sink: WordSink): void {
  let p = 0;
  let gap = false;
  let any = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    let k = CLASS[c] as number;
    if (k === UNKNOWN) k = classify(c);
    if (k !== WORD && !(k === PAIR && pairIsWord(text, i))) {
      if (k === HARD) gap = true;
      else if (k === SOFT && (i + 1 >= n || !isWordAt(text, i + 1))) gap = true;
      i++;
      continue;
    }
    const s = i;
    let h = FNV_OFFSET;
    for (;;) {
      h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
      if (++i >= n) break;
      const d = text.charCodeAt(i);
      const kd = CLASS[d] as number;
      if (kd === WORD) continue;
      if (kd === SEP) break;
      if (!isWordAt(text, i) && !(classAt(text, i) === IGN && wordGoesOn(text, i))) break;
    }
    const e = i;
    const next = text.charCodeAt(i);
    // "model's" and "LLM's" are the word itself.
    if ((next === 39 || next === 0x2019) && (text[i + 1] === 's' || text[i + 1] === 'S') && (i + 2 >= n || !isWordAt(text, i + 2))) {
      i += 2;
    }
    if (gap && any) p++;
    gap = false;
    any = true;
    sink.word(s, e, p++, h);
  }
}

/** A class, not a closure per call: visitWords' optimized code then calls the same few functions whoever tokenizes. */
class TokenList implements Tokens, WordSink {
  readonly words: string[] = [];
  readonly pos: number[] = [];
  readonly start: number[] = [];
  readonly end: number[] = [];
  constructor(readonly text: string) {}

  word(s: number, e: number, p: number): void {
    this.words.push(this.text.slice(s, e));
    this.pos.push(p);
    this.start.push(s);
    this.end.push(e);
  }
}

export function tokenize(text: string): Tokens {
  const t = new TokenList(text);
  visitWords(text, t);
  return t;
}

/** Segments (authors, keywords) joined so a phrase cannot span two of them. */
export function joinSegments(parts: readonly string[]): string {
  return parts.join(' | ');
}
