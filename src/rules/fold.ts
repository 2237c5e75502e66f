// Letters NFKD leaves alone but a reader still sees as a plain letter.
const SPECIAL: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };
const SPECIAL_RE = /[ßæœøłđðþı]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: anything outside ASCII, control characters being inside it
const NON_ASCII = /[^\x00-\x7f]/;

/** Lower case and accents stripped: `Schrödinger` → `schrodinger`. */
export function foldCase(word: string): string {
  const lower = word.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  return lower
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(SPECIAL_RE, (c) => SPECIAL[c] ?? c);
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
 * Light inflection folding: Porter's step 1 only (plurals, -ed, -ing, final y),
 * so `pruning`, `pruned`, `prunes` and `prune` meet while derivations such as
 * `diffusive`/`diffusion` stay apart. Short words and words with digits are
 * left alone: folding `bias`-like 3-letter words or `gpt4` gains nothing.
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
  return s;
}

const folded = new Map<string, string>();

/** The term a word is indexed under: case, accents and inflection folded. Memoized: vocabularies are small. */
export function foldWord(word: string): string {
  let f = folded.get(word);
  if (f === undefined) {
    if (folded.size > 100_000) folded.clear();
    f = stemWord(foldCase(word));
    folded.set(word, f);
  }
  return f;
}
