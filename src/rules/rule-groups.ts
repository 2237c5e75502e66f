import type { RuleInput } from './engine.js';

/**
 * Rule texts grouped: many channels share a rule ("LLM", "diffusion"), and
 * each distinct text is parsed and indexed once. Returns the texts in first
 * appearance order and, per text b, its rules' ids ids[start[b], start[b + 1]).
 */
export function groupByText(rules: readonly RuleInput[]): { texts: string[]; start: Int32Array; ids: string[] } {
  const bodyOf = new Map<string, number>();
  const texts: string[] = [];
  const ruleBody = new Int32Array(rules.length);
  const counts: number[] = [];
  for (let i = 0; i < rules.length; i++) {
    const text = (rules[i] as RuleInput).text;
    let b = bodyOf.get(text);
    if (b === undefined) {
      bodyOf.set(text, (b = texts.length));
      texts.push(text);
      counts.push(0);
    }
    ruleBody[i] = b;
    counts[b] = (counts[b] as number) + 1;
  }
  const start = new Int32Array(texts.length + 1);
  for (let b = 0; b < texts.length; b++) start[b + 1] = (start[b] as number) + (counts[b] as number);
  const fill = start.slice(0, texts.length);
  // Read the rules in order and scatter their ids: reading them scattered is what costs.
  const ids = new Array<string>(rules.length);
  for (let i = 0; i < rules.length; i++) {
    const b = ruleBody[i] as number;
    ids[fill[b] as number] = (rules[i] as RuleInput).id;
    fill[b] = (fill[b] as number) + 1;
  }
  return { texts, start, ids };
}
