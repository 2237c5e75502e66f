export type Lexeme =
  | { t: 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'minus'; pos: number }
  | { t: 'word'; value: string; pos: number; end: number }
  | { t: 'quoted'; value: string; pos: number }
  | { t: 'field'; name: FieldName; pos: number }
  | { t: 'upvotes'; min: number; pos: number };

export type FieldName = 'title' | 'abstract' | 'keywords' | 'author' | 'category';

export class RuleSyntaxError extends Error {
  override name = 'RuleSyntaxError';
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

const FIELDS: Record<string, FieldName> = {
  title: 'title',
  abstract: 'abstract',
  keywords: 'keywords',
  keyword: 'keywords',
  author: 'author',
  authors: 'author',
  category: 'category',
  cat: 'category',
};
const FIELD_LIST = 'title:, abstract:, keywords:, author:, category: or upvotes>=N';
// Read as UTF-16 code units: the lexer runs on every distinct rule text of every channel each cycle.
const isOpenQuote = (c: number): boolean => c === 0x22 || c === 0x201c || c === 0x201d || c === 0x201e;
const isCloseQuote = (c: number): boolean => c === 0x22 || c === 0x201d || c === 0x201c;
const SPACE_RE = /\s/;
const UPVOTES = /upvotes\s*(>=|=>|>|<=|<|=|:)\s*/iy;
const DIGITS = /\d{1,9}(?![\w.])/y;

// Control characters count as spaces: a pasted rule may carry tabs or stray NULs.
function isSpace(c: number): boolean {
  return c <= 32 || (c >= 0x7f && (c <= 0x9f || SPACE_RE.test(String.fromCharCode(c))));
}
function endsWord(c: number): boolean {
  return isSpace(c) || c === 0x28 || c === 0x29 || isOpenQuote(c);
}

/** Splits rule text into lexemes; errors name the position (0-based) and what was expected. */
export function lex(text: string): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === 0x28) {
      out.push({ t: 'lparen', pos: i++ });
      continue;
    }
    if (c === 0x29) {
      out.push({ t: 'rparen', pos: i++ });
      continue;
    }
    if (isOpenQuote(c)) {
      let j = i + 1;
      while (j < n && !isCloseQuote(text.charCodeAt(j))) j++;
      if (j >= n) throw new RuleSyntaxError(`expected '"' to close the quote opened at ${i}`, n);
      out.push({ t: 'quoted', value: text.slice(i + 1, j), pos: i });
      i = j + 1;
      continue;
    }
    if (c === 0x2d) {
      const next = text.charCodeAt(i + 1);
      if (i + 1 >= n || isSpace(next) || next === 0x29) throw new RuleSyntaxError(`expected a term after "-" at ${i}`, i);
      out.push({ t: 'minus', pos: i++ });
      continue;
    }
    UPVOTES.lastIndex = i;
    const up = c === 0x75 || c === 0x55 ? UPVOTES.exec(text) : null;
    if (up) {
      DIGITS.lastIndex = UPVOTES.lastIndex;
      const digits = DIGITS.exec(text);
      if (up[1] !== '>=' || !digits) throw new RuleSyntaxError(`expected "upvotes>=N" with a whole number N at ${i}`, i);
      out.push({ t: 'upvotes', min: Number(digits[0]), pos: i });
      i = DIGITS.lastIndex;
      continue;
    }
    let j = i;
    while (j < n && !endsWord(text.charCodeAt(j))) j++;
    const word = text.slice(i, j);
    if (word === 'AND' || word === 'OR' || word === 'NOT') {
      out.push({ t: word === 'AND' ? 'and' : word === 'OR' ? 'or' : 'not', pos: i });
      i = j;
      continue;
    }
    const colon = word.includes(':') ? /^([A-Za-z]+):/.exec(word) : null;
    if (colon?.[1]) {
      const name = FIELDS[colon[1].toLowerCase()];
      let after = i + colon[0].length;
      const glued = after < n && !isSpace(text.charCodeAt(after));
      if (name) {
        while (after < n && isSpace(text.charCodeAt(after))) after++;
        const next = text[after];
        if (next === undefined || next === ')') throw new RuleSyntaxError(`expected a term after "${colon[0]}" at ${after}`, after);
        out.push({ t: 'field', name, pos: i });
        i = after;
        continue;
      }
      // "AgentsNet: Coordination" is words; "auther:LeCun" is a typo worth pointing at.
      if (glued) throw new RuleSyntaxError(`unknown field "${colon[1]}:" at ${i}; expected ${FIELD_LIST}`, i);
    }
    out.push({ t: 'word', value: word, pos: i, end: j });
    i = j;
  }
  return out;
}
