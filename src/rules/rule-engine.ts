import type { Paper } from '../papers/paper.js';
import type { CompiledRules, RuleCheck, RuleEngine, RuleInput, RuleMatch } from './engine.js';
import { buildIndex } from './index-build.js';
import { IndexMatcher } from './index-match.js';
import { parseRule } from './parser.js';

/** The compiled index, plus a batch path and the rules it had to skip. */
export interface CompiledRuleIndex extends CompiledRules {
  matchAll(papers: readonly Paper[]): RuleMatch[][];
  /** Rules that did not parse (they are skipped, not fatal: one bad rule must not stop a digest). */
  readonly invalid: readonly { id: string; message: string; position: number }[];
  readonly ruleCount: number;
}

/** The contract's engine, with the richer compiled index this one returns. */
export interface RuleIndexEngine extends RuleEngine {
  compile(rules: readonly RuleInput[]): CompiledRuleIndex;
}

/** The rule language engine: see docs/rules.md for the language, index-build.ts for the index. */
export function createRuleEngine(): RuleIndexEngine {
  return {
    check(text: string): RuleCheck {
      const r = parseRule(text);
      return r.ok ? { ok: true } : { ok: false, message: r.message, position: r.position };
    },
    compile(rules: readonly RuleInput[]): CompiledRuleIndex {
      const index = buildIndex(rules);
      const matcher = new IndexMatcher(index);
      return {
        match: (paper) => matcher.match(paper),
        matchAll: (papers) => papers.map((p) => matcher.match(p)),
        invalid: index.invalid,
        ruleCount: index.ruleCount,
      };
    },
  };
}
