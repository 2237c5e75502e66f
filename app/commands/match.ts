import { readFile } from 'node:fs/promises';
import { createLogger } from '../../src/log.js';
import type { Paper } from '../../src/papers/paper.js';
import { createRuleEngine } from '../../src/rules/rule-engine.js';
import { parseHfItems } from '../../src/sources/hf-parse.js';

/** Rules file: one rule per line; blank lines and `#` comments are ignored. */
export function parseRulesFile(text: string): { line: number; text: string }[] {
  return text
    .split(/\r?\n/)
    .map((raw, i) => ({ line: i + 1, text: raw.trim() }))
    .filter((r) => r.text !== '' && !r.text.startsWith('#'));
}

/**
 * `paperboy match --papers FILE --rules FILE`: every rule against every paper
 * through the compiled rule index; one JSON object per match on stdout.
 */
export async function matchCommand(opts: { papers: string | undefined; rules: string | undefined; out: NodeJS.WritableStream }): Promise<number> {
  if (!opts.papers || !opts.rules) {
    process.stderr.write('paperboy: usage: paperboy match --papers FILE --rules FILE\n');
    return 2;
  }
  const logger = createLogger('warn');
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(opts.papers, 'utf8'));
  } catch (err) {
    process.stderr.write(`paperboy: cannot read papers from ${opts.papers}: ${(err as Error).message}\n`);
    return 1;
  }
  if (!Array.isArray(raw)) {
    process.stderr.write(`paperboy: ${opts.papers} must hold a JSON array of Hugging Face daily_papers items\n`);
    return 1;
  }
  const { items: papers } = parseHfItems(raw, new Date().toISOString().slice(0, 10), logger, 'match');
  const rulesText = await readFile(opts.rules, 'utf8').catch((err: Error) => {
    process.stderr.write(`paperboy: cannot read rules from ${opts.rules}: ${err.message}\n`);
    return null;
  });
  if (rulesText === null) return 1;

  const engine = createRuleEngine();
  const rules: { id: string; text: string }[] = [];
  let invalid = 0;
  for (const r of parseRulesFile(rulesText)) {
    const check = engine.check(r.text);
    if (check.ok) rules.push({ id: String(rules.length), text: r.text });
    else {
      invalid += 1;
      process.stderr.write(`paperboy: ${opts.rules}:${r.line}: ${check.message} (column ${check.position + 1}); rule skipped\n`);
    }
  }
  const compiled = engine.compile(rules);
  // All papers in one pass; rules holding the same text match together: one JSON line is built per matched text and written once per rule id.
  const found = compiled.matchBatch(papers);
  const ruleJson = new Array<string | undefined>(rules.length);
  let buffer = '';
  for (let j = 0; j < papers.length; j++) {
    const paperJson = JSON.stringify((papers[j] as Paper).id);
    for (let i = found.start[j] as number; i < (found.start[j + 1] as number); i++) {
      const ids = found.ruleIds(i);
      const first = Number(ids[0]);
      const rule = rules[first];
      if (!rule) continue;
      const text = (ruleJson[first] ??= JSON.stringify(rule.text));
      const line = `{"rule":${text},"paper":${paperJson},"score":${JSON.stringify(found.score(i))}}\n`;
      for (let k = 0; k < ids.length; k++) buffer += line;
      if (buffer.length > 1 << 16) {
        if (!opts.out.write(buffer)) await new Promise((r) => opts.out.once('drain', r));
        buffer = '';
      }
    }
  }
  opts.out.write(buffer);
  return invalid > 0 ? 1 : 0;
}
