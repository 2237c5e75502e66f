import { ACRONYM_ENTRIES, acronymInRule, acronymKey } from './acronyms.js';
import { foldCase, foldWord } from './fold.js';

/** Beyond this many spellings a phrase keeps the ones found so far: rules stay small. */
const MAX_ALTS = 16;
const EXPANSION_START = new Set(ACRONYM_ENTRIES.map((e) => e.expansion[0] ?? ''));

/**
 * The folded spellings of a rule phrase, acronyms both ways: "GNN pruning" is
 * [[\0GNN, prune], [graph, neural, network, prune]]. An acronym written in a
 * rule matches the acronym in text (case-sensitively) or its expansion, never
 * the lower-case word, so "RAG" is not "rag".
 */
export function phraseAlternatives(words: readonly string[]): string[][] {
  const folded = words.map(foldWord);
  // Most phrases hold no acronym and no expansion: one spelling, no search.
  if (!words.some((w, i) => acronymInRule(w) || EXPANSION_START.has(folded[i] ?? ''))) return [folded];
  const out: string[][] = [];
  const walk = (i: number, acc: string[]): void => {
    if (out.length >= MAX_ALTS) return;
    if (i >= words.length) {
      out.push(acc);
      return;
    }
    const acr = acronymInRule(words[i] ?? '');
    if (acr) {
      walk(i + 1, [...acc, acronymKey(acr.name)]);
      walk(i + 1, [...acc, ...acr.expansion]);
      return;
    }
    walk(i + 1, [...acc, folded[i] ?? '']);
    for (const e of ACRONYM_ENTRIES) {
      if (e.expansion.length > words.length - i) continue;
      if (e.expansion.every((w, k) => folded[i + k] === w)) walk(i + e.expansion.length, [...acc, acronymKey(e.name)]);
    }
  };
  walk(0, []);
  return dedupe(out);
}

/** Author names match on case and accents folded only (names have no inflections), in their own key space. */
export function nameAlternatives(words: readonly string[]): string[][] {
  return [words.map(nameKey)];
}

export function nameKey(word: string): string {
  return `\u0001${foldCase(word)}`;
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
