/** Fields a text term can be looked for in; the default is title, abstract and keywords. */
export type TextField = 'title' | 'abstract' | 'keywords' | 'authors';
export const DEFAULT_FIELDS: readonly TextField[] = ['title', 'abstract', 'keywords'];

/**
 * Words to find adjacent and in order. `alts` are the folded forms that count
 * (more than one when an acronym can stand for its expansion or back);
 * acronym keys start with NUL (see acronyms.ts).
 */
export interface TextTerm {
  kind: 'text';
  /** As the rule wrote it, for explanations. */
  text: string;
  /** The words looked for, as written (no field prefix, no quotes): explanations compare a paper's spelling with these. */
  body: string;
  fields: TextField[];
  alts: string[][];
  position: number;
}

export interface CategoryTerm {
  kind: 'category';
  /** Lower case; "cs" also matches every "cs.*". */
  value: string;
  text: string;
  position: number;
}

export interface UpvotesTerm {
  kind: 'upvotes';
  min: number;
  text: string;
  position: number;
}

export type Term = TextTerm | CategoryTerm | UpvotesTerm;

/** A parsed rule: plain data, so it can be stored, printed or evaluated anywhere. */
export type RuleNode = Term | { kind: 'and'; children: RuleNode[] } | { kind: 'or'; children: RuleNode[] } | { kind: 'not'; child: RuleNode };

/** Truth of the rule when `termTrue` says which terms hold. */
export function evaluateNode(node: RuleNode, termTrue: (t: Term) => boolean): boolean {
  switch (node.kind) {
    case 'and':
      return node.children.every((c) => evaluateNode(c, termTrue));
    case 'or':
      return node.children.some((c) => evaluateNode(c, termTrue));
    case 'not':
      return !evaluateNode(node.child, termTrue);
    default:
      return termTrue(node);
  }
}

/** Terms that count for the match when true: those not under an odd number of NOTs. */
export function positiveTerms(node: RuleNode, out: Term[] = [], negated = false): Term[] {
  if (node.kind === 'and' || node.kind === 'or') for (const c of node.children) positiveTerms(c, out, negated);
  else if (node.kind === 'not') positiveTerms(node.child, out, !negated);
  else if (!negated) out.push(node);
  return out;
}
