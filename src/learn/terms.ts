import type { Paper } from '../papers/paper.js';
import { authorTerms, normalizeText, STOP_WORDS } from './tokens.js';

const SHIFT = 2 ** 21;

/**
 * Terms as numbers: each word gets an id, a bigram is (first + 1)·2²¹ + second.
 * Counting and looking up numbers is several times faster than hashing fresh
 * bigram strings, which is what keeps retraining before every digest cheap.
 */
export class TermDict {
  private readonly ids = new Map<string, number>();
  private readonly words: string[] = [];

  id(word: string): number {
    let i = this.ids.get(word);
    if (i === undefined) {
      i = this.words.length;
      this.ids.set(word, i);
      this.words.push(word);
    }
    return i;
  }

  term(key: number): string {
    if (key < SHIFT) return this.words[key] ?? '?';
    const first = Math.floor(key / SHIFT) - 1;
    return `${this.words[first] ?? '?'} ${this.words[key % SHIFT] ?? '?'}`;
  }
}

function textKeys(text: string, dict: TermDict, out: number[]): void {
  let prev = -1;
  for (const w of normalizeText(text).split(' ')) {
    if (w.length < 2 || STOP_WORDS.has(w) || /^\d+$/.test(w)) {
      prev = -1;
      continue;
    }
    const id = dict.id(w);
    out.push(id);
    if (prev >= 0) out.push((prev + 1) * SHIFT + id);
    prev = id;
  }
}

/** The same terms as paperTerms, as keys, sorted (so equal terms are adjacent). */
export function paperKeys(p: Pick<Paper, 'title' | 'abstract' | 'authors'>, dict: TermDict): Float64Array {
  const out: number[] = [];
  textKeys(p.title, dict, out);
  textKeys(p.abstract, dict, out);
  for (const a of authorTerms(p.authors)) out.push(dict.id(a));
  return Float64Array.from(out).sort();
}

/** Per-process memo of paper keys, so a paper is tokenised once however often channels retrain. */
export class TermCache {
  readonly dict = new TermDict();
  private readonly byPaper = new Map<string, Float64Array>();

  constructor(private readonly maxPapers = 50_000) {}

  keys(p: Pick<Paper, 'id' | 'version' | 'title' | 'abstract' | 'authors'>): Float64Array {
    const k = `${p.id}v${p.version}`;
    let v = this.byPaper.get(k);
    if (!v) {
      v = paperKeys(p, this.dict);
      // Oldest first out: the map keeps insertion order.
      const oldest = this.byPaper.keys().next();
      if (this.byPaper.size >= this.maxPapers && !oldest.done) this.byPaper.delete(oldest.value);
      this.byPaper.set(k, v);
    }
    return v;
  }
}
