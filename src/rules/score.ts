import { FIELD_BIT, TEXT_FIELDS, WEIGHT } from './fields.js';
import type { RuleIndex } from './index-build.js';
import { OP } from './program.js';

/** Score of a text term by the fields it was found in (bit mask → summed weights). */
const MASK_WEIGHT = Array.from({ length: 16 }, (_, mask) => TEXT_FIELDS.reduce((s, f) => s + (mask & FIELD_BIT[f] ? WEIGHT[f] : 0), 0));

/** What scoring needs to know about the paper at hand. */
export interface ScoreFacts {
  /** Field bits the atom was found in; 0 when absent. */
  fields(atom: number): number;
  category(id: number): boolean;
  upvotes(min: number): boolean;
}

/**
 * A matched rule text's score in the paper at hand, times two, plus 1 when a
 * positive term is in the title (ranking needs both for every match). The one
 * place the weights of docs/rules.md are applied: both matchers call it.
 */
export function scoreBits(ix: RuleIndex, b: number, facts: ScoreFacts): number {
  let score = 0;
  let title = 0;
  for (let i = ix.posStart[b] as number, end = ix.posStart[b + 1] as number; i < end; i++) {
    const kind = ix.posKind[i] as number;
    const v = ix.posVal[i] as number;
    if (kind === OP.ATOM) {
      const found = facts.fields(v);
      score += MASK_WEIGHT[found] as number;
      title |= found & FIELD_BIT.title;
    } else if (kind === OP.CAT ? facts.category(v) : facts.upvotes(v)) {
      score += kind === OP.CAT ? WEIGHT.category : WEIGHT.upvotes;
    }
  }
  return score * 2 + title;
}
