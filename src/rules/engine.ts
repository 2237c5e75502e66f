import type { Paper } from '../papers/paper.js';

/** A rule as stored: `id` is unique across all channels. */
export interface RuleInput {
  id: string;
  text: string;
}

export type MatchField = 'title' | 'abstract' | 'keywords' | 'authors' | 'category' | 'upvotes';

/** One term of a rule found in a paper, for "why did this match?". */
export interface TermHit {
  term: string;
  field: MatchField;
  snippet: string;
  /**
   * The paper's spelling of the term, as written, when it is another spelling
   * than the rule's (`pre-trained` for `pretrained`, `colour` for `color`,
   * `Yoshua Bengio` for `Y. Bengio`); absent when they differ only in case,
   * accents or inflection.
   */
  variant?: string;
}

export interface RuleMatch {
  ruleId: string;
  /** Higher is better; comparable across rules of one engine. */
  score: number;
  /** True when some positive term matched in the title. */
  titleHit: boolean;
  hits: TermHit[];
}

export type RuleCheck = { ok: true } | { ok: false; message: string; position: number };

/** All rules of all channels, compiled once per cycle. */
export interface CompiledRules {
  match(paper: Paper): RuleMatch[];
  /**
   * A window's papers in one pass, read back rule by rule: the returned
   * function gives rule `ruleId`'s matches, each with the index of its paper
   * in `papers` (the same matches as `match` paper by paper). Match objects
   * are made per call, so a digest holds only those of the channel it plans.
   */
  matchByRule(papers: readonly Paper[]): (ruleId: string) => RuleHit[];
}

/** A rule's match in the paper at index `paper` of a window. */
export interface RuleHit {
  paper: number;
  match: RuleMatch;
}

/** The seam the rule-engine issue fills: parse/check rules, compile them, match papers. */
export interface RuleEngine {
  check(text: string): RuleCheck;
  compile(rules: readonly RuleInput[]): CompiledRules;
}
