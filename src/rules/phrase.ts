import { ACRONYM_ENTRIES, acronymInRule, acronymKey, type AcronymEntry } from './acronyms.js';
import { COMPOUNDS, type CompoundLexicon } from './compounds.js';
import { foldCase, transliterated, wordKeys } from './fold.js';

/** Beyond this many spellings a phrase keeps the ones found so far: rules stay small. */
const MAX_ALTS = 16;

/** One word of a phrase as the alternatives see it: its keys (an ambiguous plural has two), or the acronym it names. */
type Unit = { keys: readonly string[]; acronym: null } | { keys: readonly []; acronym: AcronymEntry };

/** Words as units, a closed compound split into its parts: "multimodal" and "multi-modal" become the same units. */
function unitsOf(words: readonly string[], lexicon: CompoundLexicon, acronyms: boolean): Unit[] {
  const out: Unit[] = [];
  for (const w of words) {
    const acr = acronyms ? acronymInRule(w) : null;
    if (acr) {
      out.push({ keys: [], acronym: acr });
      continue;
    }
    const [key, other] = wordKeys(w);
    const parts = lexicon.partsOf(key);
    if (parts) for (const p of parts) out.push({ keys: [p], acronym: null });
    else out.push({ keys: other === null ? [key] : [key, other], acronym: null });
  }
  return out;
}

function startsWith(units: readonly Unit[], i: number, keys: readonly string[]): boolean {
  if (keys.length > units.length - i) return false;
  for (let k = 0; k < keys.length; k++) if (units[i + k]?.keys[0] !== keys[k]) return false;
  return true;
}

/** Acronym expansions as units, each expansion's spellings (with and without its compounds joined) worked out once. */
const expansionUnits = new Map<AcronymEntry, Unit[]>();
for (const e of ACRONYM_ENTRIES) expansionUnits.set(e, unitsOf(e.long.split(' '), COMPOUNDS, false));
const EXPANSION_START = new Set([...expansionUnits.values()].map((u) => u[0]?.keys[0] ?? ''));

/**
 * The folded spellings of a rule phrase: "GNN pruning" is
 * [[\0GNN, prune], [graph, neural, network, prune]], "pre-trained model" is
 * [[pre, train, model], [pretrain, model]]. Acronyms go both ways: one
 * written in a rule matches the acronym in text (case-sensitively) or its
 * expansion, never the lower-case word, so "RAG" is not "rag". Compounds of
 * the lexicon go every way (closed, hyphenated, open), and a plural that is
 * two words' (`bases`) gives a spelling for each.
 */
export function phraseAlternatives(words: readonly string[], lexicon: CompoundLexicon = COMPOUNDS): string[][] {
  const units = unitsOf(words, lexicon, true);
  // Most phrases hold nothing to vary: one spelling, no search.
  const plain = units.every((u) => {
    const k = u.keys[0];
    return u.acronym === null && u.keys.length === 1 && k !== undefined && !EXPANSION_START.has(k) && !lexicon.startingWith(k);
  });
  if (plain && units.length === words.length) return [units.map((u) => u.keys[0] as string)];
  return dedupe(spellings(units, lexicon, true));
}

function spellings(units: readonly Unit[], lexicon: CompoundLexicon, acronyms: boolean): string[][] {
  const out: string[][] = [];
  const walk = (i: number, acc: string[]): void => {
    if (out.length >= MAX_ALTS) return;
    if (i >= units.length) {
      out.push(acc);
      return;
    }
    const u = units[i] as Unit;
    if (u.acronym) {
      walk(i + 1, [...acc, acronymKey(u.acronym.name)]);
      for (const s of expansionSpellings(u.acronym)) walk(i + 1, [...acc, ...s]);
      return;
    }
    for (const k of u.keys) walk(i + 1, [...acc, k]);
    for (const c of lexicon.startingWith(u.keys[0] ?? '') ?? []) {
      if (startsWith(units, i, c.parts)) walk(i + c.parts.length, [...acc, c.closed]);
    }
    if (!acronyms) return;
    for (const [e, exp] of expansionUnits) {
      if (exp.length <= units.length - i && exp.every((x, k) => units[i + k]?.keys[0] === x.keys[0])) walk(i + exp.length, [...acc, acronymKey(e.name)]);
    }
  };
  walk(0, []);
  return out;
}

const expansionCache = new Map<AcronymEntry, string[][]>();
function expansionSpellings(e: AcronymEntry): string[][] {
  let s = expansionCache.get(e);
  if (!s) {
    s = dedupe(spellings(expansionUnits.get(e) ?? [], COMPOUNDS, false));
    expansionCache.set(e, s);
  }
  return s;
}

/**
 * Author names match on case and accents folded (names have no
 * inflections), in their own key space; a word with an umlaut also matches
 * its transliteration (Müller as Mueller), and a one-letter word is an
 * initial (see names.ts).
 */
export function nameAlternatives(words: readonly string[]): string[][] {
  let out: string[][] = [[]];
  for (const w of words) {
    const f = foldCase(w);
    const keys = f.length === 1 ? [INITIAL + f] : [NAME + f];
    const t = f.length === 1 ? null : translitKey(w);
    if (t !== null && t !== keys[0]) keys.push(t);
    out = out.flatMap((acc) => keys.map((k) => [...acc, k])).slice(0, MAX_ALTS);
  }
  return out;
}

// Name and initial keys live apart from folded words (and from each other): "lecun" the name is not "lecun" the word.
const NAME = '\u0001';
const INITIAL = '\u0002';

export function nameKey(word: string): string {
  return NAME + foldCase(word);
}

/** A name word's transliteration as a key (`Müller` → mueller), or null when it has nothing to transliterate. */
export function translitKey(word: string): string | null {
  const t = transliterated(word);
  return t === null ? null : NAME + t;
}

/** A name word's initial: `Yoshua`, `Y.` and `Y` all have initial "y". */
export function initialKey(word: string): string {
  return INITIAL + foldCase(word).charAt(0);
}

export function isInitialKey(key: string): boolean {
  return key.startsWith(INITIAL);
}

function dedupe(alts: string[][]): string[][] {
  const seen = new Set<string>();
  return alts.filter((a) => {
    const k = a.join(' ');
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
