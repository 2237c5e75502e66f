import { oneLine } from '../util/text.js';
import type { RuleMatch, TermHit } from './engine.js';

const FIELD_NAME: Record<TermHit['field'], string> = {
  title: 'title',
  abstract: 'abstract',
  keywords: 'keywords',
  authors: 'authors',
  category: 'category',
  upvotes: 'upvotes',
};

function quoteTerm(term: string): string {
  return term.startsWith('"') || term.includes(':') || term.includes('>=') ? term : `"${term}"`;
}

function describeHit(h: TermHit): string {
  if (h.field === 'category' || h.field === 'upvotes') return `${quoteTerm(h.term)} (${h.snippet})`;
  const variant = h.variant === undefined ? '' : ` (matched "${h.variant}" as ${quoteTerm(h.term)})`;
  return `${quoteTerm(h.term)} in ${FIELD_NAME[h.field]}: "${h.snippet}"${variant}`;
}

/**
 * One line saying why a rule matched a paper, e.g.
 * `"pruning" in title: "…Random Pruning…"`, naming the paper's spelling when
 * it is another one: `"pretrained" in abstract: "…" (matched "pre-trained" as "pretrained")`. Hits of one term in several
 * fields show the best field only (title, then keywords, authors, abstract).
 */
export function describeMatch(ruleText: string, m: RuleMatch): string {
  const order: TermHit['field'][] = ['title', 'keywords', 'authors', 'abstract', 'category', 'upvotes'];
  const best = new Map<string, TermHit>();
  for (const h of m.hits) {
    const seen = best.get(h.term);
    if (!seen || order.indexOf(h.field) < order.indexOf(seen.field)) best.set(h.term, h);
  }
  if (best.size === 0) return `matched ${quoteTerm(oneLine(ruleText))}`;
  return [...best.values()]
    .map(describeHit)
    .join('; ')
    .replace(/[\r\n]+/g, ' ');
}
