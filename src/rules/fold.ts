import { GREEK, respell } from './spelling.js';

// Letters NFKD leaves alone but a reader still sees as a plain letter.
const SPECIAL: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ...GREEK };
const SPECIAL_RE = /[ßæœøłđðþıα-ω]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: anything outside ASCII, control characters being inside it
const NON_ASCII = /[^\x00-\x7f]/;
/** Invisible characters a word may carry from typesetting: soft hyphens, zero-width spaces and joiners, direction marks. */
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

/**
 * Lower case, accents stripped, ligatures and other compatibility forms
 * opened (`ﬁ` → `fi`, `𝛽` → `β`), invisible characters dropped, Greek
 * letters spelled out: `Schrödinger` → `schrodinger`, `β` → `beta`.
 */
export function foldCase(word: string): string {
  const lower = word.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  return lower
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(IGNORABLE, '')
    .toLowerCase()
    .replace(SPECIAL_RE, (c) => SPECIAL[c] ?? c);
}

// How names are transliterated when typed without their letters: Müller as Mueller, Jørgensen as Joergensen, Håkan as Haakan.
const TRANSLIT: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ø: 'oe', å: 'aa' };
const TRANSLIT_RE = /[äöüøå]/g;

/** A name word as typed with the transliteration of its umlauts (ä → ae, ø → oe, å → aa), folded; null when it has none. */
export function transliterated(word: string): string | null {
  const lower = word.toLowerCase().normalize('NFC');
  if (!TRANSLIT_RE.test(lower)) return null;
  TRANSLIT_RE.lastIndex = 0;
  return foldCase(lower.replace(TRANSLIT_RE, (c) => TRANSLIT[c] ?? c));
}

function isConsonant(w: string, i: number): boolean {
  const c = w[i];
  if (c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u') return false;
  if (c === 'y') return i === 0 || !isConsonant(w, i - 1);
  return true;
}

/** Porter's measure: the number of vowel-consonant sequences in `w`. */
function measure(w: string): number {
  let m = 0;
  let i = 0;
  while (i < w.length && isConsonant(w, i)) i++;
  while (i < w.length) {
    while (i < w.length && !isConsonant(w, i)) i++;
    if (i >= w.length) break;
    while (i < w.length && isConsonant(w, i)) i++;
    m++;
  }
  return m;
}

function hasVowel(w: string): boolean {
  for (let i = 0; i < w.length; i++) if (!isConsonant(w, i)) return true;
  return false;
}

/** consonant-vowel-consonant at the end, the last not w, x or y ("hop", not "snow"). */
function endsCvc(w: string): boolean {
  const n = w.length;
  if (n < 3) return false;
  const last = w[n - 1];
  return isConsonant(w, n - 3) && !isConsonant(w, n - 2) && isConsonant(w, n - 1) && last !== 'w' && last !== 'x' && last !== 'y';
}

function afterIngEd(stem: string): string {
  if (stem.endsWith('at') || stem.endsWith('bl') || stem.endsWith('iz')) return `${stem}e`;
  const n = stem.length;
  const last = stem[n - 1];
  if (n >= 2 && last === stem[n - 2] && isConsonant(stem, n - 1) && last !== 'l' && last !== 's' && last !== 'z') return stem.slice(0, -1);
  if (measure(stem) === 1 && endsCvc(stem)) return `${stem}e`;
  return stem;
}

/**
 * Light inflection folding: Porter's step 1 (plurals, -ed, -ing, final y) and
 * the final-e rule of its step 5, so `pruning`, `pruned`, `prunes` and `prune`
 * meet, and so do `computed`/`compute`, `matches`/`match`, `caches`/`cache`,
 * while derivations such as `diffusive`/`diffusion` stay apart. Short words
 * and words with digits are left alone: folding `bias`-like 3-letter words or
 * `gpt4` gains nothing.
 */
export function stemWord(w: string): string {
  if (w.length <= 3 || /[^a-z]/.test(w)) return w;
  let s = w;
  if (s.endsWith('sses')) s = s.slice(0, -2);
  else if (s.endsWith('ies')) s = s.slice(0, -2);
  else if (!s.endsWith('ss') && s.endsWith('s')) s = s.slice(0, -1);

  if (s.endsWith('eed')) {
    if (measure(s.slice(0, -3)) > 0) s = s.slice(0, -1);
  } else if (s.endsWith('ed') && hasVowel(s.slice(0, -2))) {
    s = afterIngEd(s.slice(0, -2));
  } else if (s.endsWith('ing') && hasVowel(s.slice(0, -3))) {
    s = afterIngEd(s.slice(0, -3));
  }
  if (s.endsWith('y') && s.length > 1 && hasVowel(s.slice(0, -1))) s = `${s.slice(0, -1)}i`;
  // Step 5a: a final e goes unless it keeps a short word's vowel long ("rate" stays, "compute" → "comput" as "computed").
  if (s.endsWith('e')) {
    const b = s.slice(0, -1);
    const m = measure(b);
    if (m > 1 || (m === 1 && !endsCvc(b))) s = b;
  }
  return s;
}

/** The index keys of a word: the one it is indexed under, and a second word it may also be (`bases`: basis, base), or null. */
export type WordKeys = readonly [key: string, other: string | null];

const folded = new Map<string, WordKeys>();

/**
 * A word's keys: case, accents, British spelling, irregular plurals and
 * inflection folded (see spelling.ts). Memoized: vocabularies are small.
 */
export function wordKeys(word: string): WordKeys {
  let f = folded.get(word);
  if (f === undefined) {
    if (folded.size > 100_000) folded.clear();
    const w = foldCase(word);
    const r = respell(w);
    f = r === null ? [stemWord(w), null] : [stemWord(r.word), r.other === null ? null : stemWord(r.other)];
    folded.set(word, f);
  }
  return f;
}

/** The term a word is indexed under (its first key). */
export function foldWord(word: string): string {
  return wordKeys(word)[0];
}
