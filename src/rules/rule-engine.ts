import type { Paper } from '../papers/paper.js';
import type { CompiledRules, RuleCheck, RuleEngine, RuleInput, RuleMatch } from './engine.js';
import { buildIndex, type ParseCache } from './index-build.js';
import { IndexMatcher } from './index-match.js';
import type { TextMatch } from './lazy-match.js';
import { parseRule } from './parser.js';

const PARSE_CACHE_LIMIT = 500_000;

/** The compiled index, plus a batch path and the rules it had to skip. */
export interface CompiledRuleIndex extends CompiledRules {
  /**
   * The fast path: one entry per matched DISTINCT rule text, with the ids of
   * every rule holding it (same score, title flag and hits for all of them).
   * `match` is this, expanded to one RuleMatch per rule id.
   */
  matchTexts(paper: Paper): TextMatch[];
  matchAll(papers: readonly Paper[]): RuleMatch[][];
  /** Rules that did not parse (they are skipped, not fatal: one bad rule must not stop a digest). */
  readonly invalid: readonly { id: string; message: string; position: number }[];
  readonly ruleCount: number;
}

export type { TextMatch };

/** The contract's engine, with the richer compiled index this one returns. */
export interface RuleIndexEngine extends RuleEngine {
  compile(rules: readonly RuleInput[]): CompiledRuleIndex;
}

/** The rule language engine: see docs/rules.md for the language, index-build.ts for the index. */
export function createRuleEngine(): RuleIndexEngine {
  // Parsed rule texts kept between compiles: a cycle's rules are mostly last cycle's, so only new texts are parsed.
  const cache: ParseCache = new Map();
  return {
    check(text: string): RuleCheck {
      let r = cache.get(text);
      if (!r) {
        if (cache.size > PARSE_CACHE_LIMIT) cache.clear();
        cache.set(text, (r = parseRule(text)));
      }
      return r.ok ? { ok: true } : { ok: false, message: r.message, position: r.position };
    },
    compile(rules: readonly RuleInput[]): CompiledRuleIndex {
      if (cache.size > PARSE_CACHE_LIMIT) cache.clear();
      const index = buildIndex(rules, cache);
      const matcher = new IndexMatcher(index);
      return {
        match: (paper) => matcher.match(paper),
        matchTexts: (paper) => matcher.matchTexts(paper),
        matchAll: (papers) => papers.map((p) => matcher.match(p)),
        invalid: index.invalid,
        ruleCount: index.ruleCount,
      };
    },
  };
}
