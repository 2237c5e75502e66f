/**
 * Precision and recall of the rule language on a held-out set of papers with
 * hand-judged relevance (test/fixtures/rules-eval, see its README), beside a
 * plain case-insensitive substring filter. Figures only; nothing asserted:
 * no test reads this set, so it stays a measurement rather than a target.
 * Run alone: `npm run bench rules-eval`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Paper } from '../src/papers/paper.js';
import { createRuleEngine } from '../src/rules/rule-engine.js';
import { makePaper } from '../test/support/papers.js';

const here = (name: string): string => fileURLToPath(new URL(`../test/fixtures/rules-eval/${name}`, import.meta.url));
const PaperFile = z.object({
  papers: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      abstract: z.string(),
      authors: z.array(z.string()),
      aiKeywords: z.array(z.string()),
      categories: z.array(z.string()),
    }),
  ),
});
const LabelFile = z.object({ rules: z.array(z.object({ rule: z.string(), relevant: z.array(z.string()) })) });

const papers: Paper[] = PaperFile.parse(JSON.parse(readFileSync(here('papers.json'), 'utf8'))).papers.map((p) => makePaper(p));
const labels = LabelFile.parse(JSON.parse(readFileSync(here('labels.json'), 'utf8'))).rules;
const ids = new Set(papers.map((p) => p.id));
for (const l of labels) for (const id of l.relevant) if (!ids.has(id)) throw new Error(`labels.json: rule ${l.rule} names unknown paper ${id}`);

/** What a user without a rule language gets: the rule, quotes and field prefix dropped, as a case-insensitive substring. */
function substring(rule: string): (p: Paper) => boolean {
  const author = rule.startsWith('author:');
  const needle = rule
    .replace(/^[a-z]+:/, '')
    .replace(/"/g, '')
    .toLowerCase();
  return (p) => (author ? p.authors.join(' | ') : [p.title, p.abstract, ...p.aiKeywords].join(' | ')).toLowerCase().includes(needle);
}

interface Score {
  tp: number;
  fp: number;
  fn: number;
  misses: string[];
  wrong: string[];
}

function score(matches: (rule: string, p: Paper) => boolean): Score {
  const s: Score = { tp: 0, fp: 0, fn: 0, misses: [], wrong: [] };
  for (const l of labels) {
    const wanted = new Set(l.relevant);
    for (const p of papers) {
      const got = matches(l.rule, p);
      if (got && wanted.has(p.id)) s.tp++;
      else if (got) {
        s.fp++;
        s.wrong.push(`${l.rule} → ${p.id}`);
      } else if (wanted.has(p.id)) {
        s.fn++;
        s.misses.push(`${l.rule} → ${p.id}`);
      }
    }
  }
  return s;
}

const engine = createRuleEngine();
const compiled = engine.compile(labels.map((l, i) => ({ id: String(i), text: l.rule })));
if (compiled.invalid.length > 0) throw new Error(`rules that do not parse: ${JSON.stringify(compiled.invalid)}`);
const matched = new Map(papers.map((p) => [p.id, new Set(compiled.match(p).map((m) => labels[Number(m.ruleId)]?.rule))]));
const rules = score((rule, p) => matched.get(p.id)?.has(rule) ?? false);
const filters = new Map(labels.map((l) => [l.rule, substring(l.rule)]));
const plain = score((rule, p) => filters.get(rule)?.(p) ?? false);

const pairs = labels.reduce((n, l) => n + l.relevant.length, 0);
const fmt = (s: Score): string => {
  const precision = s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp);
  const recall = s.tp / (s.tp + s.fn);
  return `precision ${precision.toFixed(2)} (${s.tp}/${s.tp + s.fp}), recall ${recall.toFixed(2)} (${s.tp}/${s.tp + s.fn})`;
};
console.log(`${papers.length} papers × ${labels.length} rules, ${pairs} wanted (rule, paper) pairs, judged by hand`);
console.log(`rule engine:      ${fmt(rules)}`);
console.log(`substring filter: ${fmt(plain)}`);
console.log(`rule engine misses (${rules.misses.length}): ${rules.misses.join('; ') || 'none'}`);
console.log(`rule engine unwanted matches (${rules.wrong.length}): ${rules.wrong.join('; ') || 'none'}`);
