/**
 * Words of a text with where they sit. Anything not a letter or digit
 * separates words (hyphens, slashes, line breaks too); a possessive "'s" is
 * dropped. Sentence punctuation and brackets also leave a gap in `pos`, so a
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

function isWordCode(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (c >= 0xd800 && c <= 0xdbff) return LETTER.test(String.fromCodePoint(text.codePointAt(i) ?? 0));
  // The low half of a pair is a word character when its pair is.
  if (c >= 0xdc00 && c <= 0xdfff) return i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff && isWordCode(text, i - 1);
  return LETTER.test(text[i] ?? '');
}

// Always a phrase break: brackets and quotes.
const HARD_BREAK = new Set(['(', ')', '[', ']', '{', '}', '"', '“', '”', '«', '»']);
// A break when it ends a clause ("graph. Neural"), not inside a token ("cs.LG", "3.5").
const SOFT_BREAK = new Set(['.', ',', ';', ':', '!', '?', '·', '•', '|']);

/** Receives each word of a text: where it is written and its phrase position. */
export interface WordSink {
  word(start: number, end: number, pos: number): void;
}

/** Finds the words of `text` without cutting them out: the matcher looks them up in place. */
export function visitWords(text: string, sink: WordSink): void {
  let p = 0;
  let gap = false;
  let any = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    // A plain space is the commonest separator and never a phrase break: skip it before the general checks.
    if (text.charCodeAt(i) === 32) {
      i++;
      continue;
    }
    if (!isWordCode(text, i)) {
      const ch = text[i] ?? '';
      if (HARD_BREAK.has(ch)) gap = true;
      else if (SOFT_BREAK.has(ch) && (i + 1 >= n || !isWordCode(text, i + 1))) gap = true;
      i++;
      continue;
    }
    const s = i;
    while (i < n && isWordCode(text, i)) i++;
    const e = i;
    const next = text.charCodeAt(i);
    // "model's" and "LLM's" are the word itself.
    if ((next === 39 || next === 0x2019) && (text[i + 1] === 's' || text[i + 1] === 'S') && (i + 2 >= n || !isWordCode(text, i + 2))) {
      i += 2;
    }
    if (gap && any) p++;
    gap = false;
    any = true;
    sink.word(s, e, p++);
  }
}

export function tokenize(text: string): Tokens {
  const t: Tokens = { text, words: [], pos: [], start: [], end: [] };
  visitWords(text, {
    word(s, e, p) {
      t.words.push(text.slice(s, e));
      t.pos.push(p);
      t.start.push(s);
      t.end.push(e);
    },
  });
  return t;
}

/** Segments (authors, keywords) joined so a phrase cannot span two of them. */
export function joinSegments(parts: readonly string[]): string {
  return parts.join(' | ');
}
