import type { Paper } from '../../../src/papers/paper.js';
import { acronymInText, acronymKey } from '../../../src/rules/acronyms.js';
import { evaluateNode, type RuleNode, type TextField, type Term } from '../../../src/rules/ast.js';
import { wordKeys } from '../../../src/rules/fold.js';
import { MAX_SKIP } from '../../../src/rules/names.js';
import { initialKey, isInitialKey, nameKey, translitKey } from '../../../src/rules/phrase.js';
import { readTex } from '../../../src/rules/tex.js';
import { tokenize } from '../../../src/rules/tokenize.js';

function fieldText(p: Paper, f: TextField): string {
  if (f === 'title') return readTex(p.title);
  if (f === 'abstract') return readTex(p.abstract);
  return readTex((f === 'keywords' ? p.aiKeywords : p.authors).join(' | '));
}

/** Every key a paper word is found under: folded, the other word of an ambiguous plural, the acronym it is written as. */
function textKeys(w: string): string[] {
  const [key, other] = wordKeys(w);
  const acr = acronymInText(w);
  return [key, ...(other === null ? [] : [other]), ...(acr ? [acronymKey(acr)] : [])];
}

/** Does any spelling occur at consecutive positions? A plain scan: no index, no trie. */
function phraseIn(p: Paper, f: TextField, alts: readonly string[][]): boolean {
  const t = tokenize(fieldText(p, f));
  const keys = t.words.map(textKeys);
  return alts.some((alt) =>
    t.words.some((_, i) => alt.every((k, j) => i + j < t.words.length && t.pos[i + j] === (t.pos[i] ?? 0) + j && (keys[i + j] ?? []).includes(k))),
  );
}

/**
 * An author name as the language documents it, searched forwards and by brute
 * force: the rule's words in order within one author, at most MAX_SKIP of the
 * author's words between two of them, a middle initial of the rule optional.
 */
function nameIn(p: Paper, alts: readonly string[][]): boolean {
  return p.authors.some((author) => {
    const words = tokenize(readTex(author)).words;
    const keys = words.map((w) => {
      const t = translitKey(w);
      return [nameKey(w), ...(t === null ? [] : [t]), initialKey(w)];
    });
    return alts.some((alt) => {
      const optional = (r: number): boolean => r > 0 && r < alt.length - 1 && isInitialKey(alt[r] ?? '');
      // Rule word r goes at author word q or later; `prev` is where the last matched rule word is (-1: none yet).
      const place = (r: number, prev: number): boolean => {
        if (r === alt.length) return true;
        if (optional(r) && place(r + 1, prev)) return true;
        for (let q = prev + 1; q < words.length; q++) {
          if (prev >= 0 && q - prev - 1 > MAX_SKIP) break;
          if (keys[q]?.includes(alt[r] ?? '') && place(r + 1, q)) return true;
        }
        return false;
      };
      return place(0, -1);
    });
  });
}

function termTrue(p: Paper, t: Term): boolean {
  switch (t.kind) {
    case 'text':
      return t.fields.some((f) => (f === 'authors' ? nameIn(p, t.alts) : phraseIn(p, f, t.alts)));
    case 'category':
      return p.categories.some((c) => c.toLowerCase() === t.value || c.toLowerCase().startsWith(`${t.value}.`));
    case 'upvotes':
      return p.upvotes !== null && p.upvotes >= t.min;
  }
}

/** The reference meaning of a parsed rule: evaluate the tree term by term on one paper. */
export function referenceMatches(rule: RuleNode, p: Paper): boolean {
  return evaluateNode(rule, (t) => termTrue(p, t));
}
