import { oneLine } from '../util/text.js';
import type { Inline, Line } from '../chat/reply.js';
import { paperLinks, type Paper } from '../papers/paper.js';
import type { RuleMatch } from '../rules/engine.js';

/** Where a paper's title links to: its Hugging Face page when it has one, else arXiv. */
export function paperUrl(p: Paper): string {
  const links = paperLinks(p);
  return links.hf ?? links.abs;
}

export function titleLink(p: Paper): Inline {
  return { link: { url: paperUrl(p), text: oneLine(p.title) } };
}

/** Distinct matched terms, in the order the engine reported them. */
export function matchedTerms(matches: readonly RuleMatch[]): string[] {
  return [...new Set(matches.flatMap((m) => m.hits.map((h) => h.term)))];
}

/** One line per paper: linked title, its id, and the terms that matched. */
export function paperLine(p: Paper, matches: readonly RuleMatch[] = []): Line {
  const line: Line = [titleLink(p), ` (${p.id})`];
  const terms = matchedTerms(matches);
  if (terms.length) {
    line.push(' — matched ');
    terms.forEach((t, i) => {
      if (i > 0) line.push(', ');
      line.push({ code: t });
    });
  }
  return line;
}
