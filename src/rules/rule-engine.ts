import type { Paper } from '../papers/paper.js';
import type { CompiledRules, RuleCheck, RuleEngine, RuleInput, RuleMatch } from './engine.js';
import { buildIndex } from './index-build.js';
import { BatchMatcher } from './batch-match.js';
import { expand, IndexMatcher } from './index-match.js';
import type { BatchMatches } from './batch-matches.js';
import type { TextMatch } from './lazy-match.js';
import { COMPOUNDS, CURATED_COMPOUNDS, CompoundLexicon } from './compounds.js';
import { parseRule } from './parser.js';

/** The compiled index, plus a batch path and the rules it had to skip. */
export interface CompiledRuleIndex extends CompiledRules {
  /**
   * The fast path: one entry per matched DISTINCT rule text, with the ids of
   * every rule holding it (same score, title flag and hits for all of them).
   * `match` is this, expanded to one RuleMatch per rule id.
   */
  matchTexts(paper: Paper): TextMatch[];
  /**
   * A day's papers in one pass, the fastest path: each rule text is evaluated
   * once for all papers (see batch-match.ts) and the matches come back as
   * rows, objects made only on request. `matchAll` is this, as objects.
   */
  matchBatch(papers: readonly Paper[]): BatchMatches;
  matchAll(papers: readonly Paper[]): RuleMatch[][];
  /** Rules that did not parse (they are skipped, not fatal: one bad rule must not stop a digest). */
  readonly invalid: readonly { id: string; message: string; position: number }[];
  readonly ruleCount: number;
}

export type { BatchMatches, TextMatch };

/** The contract's engine, with the richer compiled index this one returns. */
export interface RuleIndexEngine extends RuleEngine {
  compile(rules: readonly RuleInput[]): CompiledRuleIndex;
}

export interface RuleEngineOptions {
  /**
   * Compounds to join beyond the curated list, hyphenated ("tool-kit"): for
   * instance those a deployment's own papers show both ways
   * (`deriveCompounds` in compounds.ts). A function is asked at every compile,
   * so a list that grows as papers arrive (CompoundLearner) is followed; it
   * should return the same array while nothing changed, as the lexicon is
   * rebuilt only for a new one.
   */
  compounds?: Iterable<string> | (() => readonly string[]);
}

/** The rule language engine: see docs/rules.md for the language, index-build.ts for the index. */
export function createRuleEngine(options: RuleEngineOptions = {}): RuleIndexEngine {
  const extra = options.compounds;
  let lexicon: { from: readonly string[] | null; lexicon: CompoundLexicon } = {
    from: null,
    lexicon: extra && typeof extra !== 'function' ? new CompoundLexicon([...CURATED_COMPOUNDS, ...extra]) : COMPOUNDS,
  };
  const currentCompounds = (): CompoundLexicon => {
    if (typeof extra !== 'function') return lexicon.lexicon;
    const list = extra();
    if (list !== lexicon.from) lexicon = { from: list, lexicon: list.length ? new CompoundLexicon([...CURATED_COMPOUNDS, ...list]) : COMPOUNDS };
    return lexicon.lexicon;
  };
  return {
    check(text: string): RuleCheck {
      const r = parseRule(text);
      return r.ok ? { ok: true } : { ok: false, message: r.message, position: r.position };
    },
    compile(rules: readonly RuleInput[]): CompiledRuleIndex {
      const index = buildIndex(rules, currentCompounds());
      const matcher = new IndexMatcher(index);
      // Built on first use: a compile for one paper (why, preview) does not pay for the batch rows.
      let batch: BatchMatcher | null = null;
      const matchBatch = (papers: readonly Paper[]): BatchMatches => {
        batch ??= new BatchMatcher(matcher);
        return batch.match(papers);
      };
      return {
        match: (paper) => matcher.match(paper),
        matchTexts: (paper) => matcher.matchTexts(paper),
        matchBatch,
        matchByRule: (papers) => matchBatch(papers).byRule(),
        matchAll: (papers) => {
          const found = matchBatch(papers);
          return papers.map((_, j) => expand(found.texts(j)));
        },
        invalid: index.invalid,
        ruleCount: index.ruleCount,
      };
    },
  };
}
