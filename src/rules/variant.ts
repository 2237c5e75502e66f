import { acronymInRule, acronymInText, ACRONYMS } from './acronyms.js';
import { stemWord } from './fold.js';
import { tokenize } from './tokenize.js';

const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;

/** A word as a reader compares spellings: case, accents, ligatures, invisible characters and inflection aside, nothing else. */
function plain(word: string): string {
  return stemWord(word.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').replace(INVISIBLE, ''));
}

/** Words compared plainly, an acronym as its expansion: "LLMs" and "large language models" read alike. */
function plainWords(text: string, acronym: (w: string) => string | null): string[] {
  return tokenize(text).words.flatMap((w) => {
    const a = acronym(w);
    return a === null ? [plain(w)] : (ACRONYMS[a] ?? '').split(' ').map(plain);
  });
}

/**
 * Whether the text a term matched in a paper is another spelling than the
 * rule's words (`pre-trained` for `pretrained`, `colour` for `color`,
 * `beta-VAE` for `β-VAE`, `Yoshua Bengio` for `Y. Bengio`), which an
 * explanation then names. Case, accents, ligatures, inflection and an
 * acronym for its expansion are no variant: the language always matched
 * those, so `Pruning` for `pruned` or "LLMs" for `LLM` go unremarked.
 */
export function isVariant(found: string, ruleWords: string): boolean {
  const a = plainWords(found, acronymInText);
  const b = plainWords(ruleWords, (w) => acronymInRule(w)?.name ?? null);
  return a.length !== b.length || a.some((w, i) => w !== b[i]);
}
