import type { Paper } from '../papers/paper.js';

// sklearn's English list trimmed to words that occur in abstracts; bigrams never span one.
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between
  both but by can could did do does doing done down during each either few for from further had has have having he
  her here hers him his how however i if in into is it its itself just may me might more most much must my no nor
  not now of off on once one only or other our ours out over own per same she should so some such than that the
  their them then there these they this those through thus to too under until up upon us very via was we were what
  when where which while who whom why will with within without would yet you your`.split(/\s+/),
);

/** Same folding as the phrase rules: accents stripped, lower case, anything not a letter or digit splits. */
export function normalizeText(s: string): string {
  // Most abstracts are plain ASCII; the Unicode path costs several times more.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the whole ASCII range, control characters included, is the fast path
  if (/^[\x00-\x7f]*$/.test(s))
    return s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Unigrams and bigrams of content words, like arxiv-sanity's
 * TfidfVectorizer(ngram_range=(1, 2), stop_words='english'): stop words and
 * one-letter or all-digit tokens are dropped and break bigrams.
 */
export function textTerms(text: string): string[] {
  const out: string[] = [];
  let prev: string | null = null;
  for (const w of normalizeText(text).split(' ')) {
    if (w.length < 2 || STOP_WORDS.has(w) || /^\d+$/.test(w)) {
      prev = null;
      continue;
    }
    out.push(w);
    if (prev !== null) out.push(`${prev} ${w}`);
    prev = w;
  }
  return out;
}

/** An author is one term ("au:ada fixture"), so a lab the team follows is learnable. */
export function authorTerms(authors: readonly string[]): string[] {
  return authors.map((a) => `au:${normalizeText(a)}`).filter((t) => t.length > 3);
}

/** All terms of a paper, with repeats (they are the term frequencies). */
export function paperTerms(p: Pick<Paper, 'title' | 'abstract' | 'authors'>): string[] {
  return [...textTerms(p.title), ...textTerms(p.abstract), ...authorTerms(p.authors)];
}
