import type { Paper } from '../../../src/papers/paper.js';
import { acronymInText, acronymKey } from '../../../src/rules/acronyms.js';
import { evaluateNode, type RuleNode, type TextField, type Term } from '../../../src/rules/ast.js';
import { foldWord } from '../../../src/rules/fold.js';
import { nameKey } from '../../../src/rules/phrase.js';
import { tokenize } from '../../../src/rules/tokenize.js';

function fieldText(p: Paper, f: TextField): string {
  if (f === 'title') return p.title;
  if (f === 'abstract') return p.abstract;
  return (f === 'keywords' ? p.aiKeywords : p.authors).join(' | ');
}

/** Does any spelling occur at consecutive positions? A plain scan: no index, no trie. */
function phraseIn(p: Paper, f: TextField, alts: readonly string[][]): boolean {
  const t = tokenize(fieldText(p, f));
  const keys = t.words.map((w) => {
    if (f === 'authors') return [nameKey(w)];
    const acr = acronymInText(w);
    return acr ? [foldWord(w), acronymKey(acr)] : [foldWord(w)];
  });
  return alts.some((alt) =>
    t.words.some((_, i) => alt.every((k, j) => i + j < t.words.length && t.pos[i + j] === (t.pos[i] ?? 0) + j && (keys[i + j] ?? []).includes(k))),
  );
}

function termTrue(p: Paper, t: Term): boolean {
  switch (t.kind) {
    case 'text':
      return t.fields.some((f) => phraseIn(p, f, t.alts));
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
