import type { Paper } from '../../src/papers/paper.js';
import type { CompiledRules, RuleCheck, RuleEngine, RuleHit, RuleInput, RuleMatch, TermHit } from '../../src/rules/engine.js';

function normalize(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function snippetAround(text: string, needle: string): string {
  const i = text.toLowerCase().indexOf(needle.toLowerCase());
  if (i < 0) return text.slice(0, 80);
  const start = Math.max(0, i - 30);
  return `${(start > 0 ? '…' : '') + text.slice(start, i + needle.length + 30).trim()}…`;
}

/**
 * A deliberately different engine for tests: a rule is a case-insensitive phrase matched on
 * whole words in the title or abstract. Commands are tested on it and on the real engine, so they rely on neither.
 */
export function createPhraseEngine(): RuleEngine {
  return {
    check(text: string): RuleCheck {
      return normalize(text) ? { ok: true } : { ok: false, message: 'a rule needs at least one word', position: 0 };
    },
    compile(rules: readonly RuleInput[]): CompiledRules {
      const compiled = rules.map((r) => ({ id: r.id, text: r.text, phrase: ` ${normalize(r.text)} ` }));
      return {
        matchByRule(papers: readonly Paper[]): (ruleId: string) => RuleHit[] {
          const byRule = new Map<string, RuleHit[]>();
          papers.forEach((p, paper) => {
            for (const match of this.match(p)) byRule.set(match.ruleId, [...(byRule.get(match.ruleId) ?? []), { paper, match }]);
          });
          return (ruleId) => byRule.get(ruleId) ?? [];
        },
        match(paper: Paper): RuleMatch[] {
          const title = ` ${normalize(paper.title)} `;
          const abstract = ` ${normalize(paper.abstract)} `;
          const out: RuleMatch[] = [];
          for (const r of compiled) {
            if (r.phrase.trim() === '') continue;
            const hits: TermHit[] = [];
            if (title.includes(r.phrase)) hits.push({ term: r.text, field: 'title', snippet: paper.title });
            if (abstract.includes(r.phrase)) hits.push({ term: r.text, field: 'abstract', snippet: snippetAround(paper.abstract, r.text) });
            if (hits.length) {
              const titleHit = hits.some((h) => h.field === 'title');
              out.push({ ruleId: r.id, score: titleHit ? 2 : 1, titleHit, hits });
            }
          }
          return out;
        },
      };
    },
  };
}
