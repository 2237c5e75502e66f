import type { RuleInput } from './engine.js';
import { groupByKey } from './id-lists.js';

/**
 * Rule texts grouped: many channels share a rule ("LLM", "diffusion"), and
 * each distinct text is parsed and indexed once. Returns the texts in first
 * appearance order and, per text b, its rules' ids ids[start[b], start[b + 1]).
 */
export function groupByText(rules: readonly RuleInput[]): { texts: string[]; start: Int32Array; ids: string[] } {
  const bodyOf = new Map<string, number>();
  const texts: string[] = [];
  const ruleBody = new Int32Array(rules.length);
  for (let i = 0; i < rules.length; i++) {
    const text = (rules[i] as RuleInput).text;
    let b = bodyOf.get(text);
    if (b === undefined) {
      b = texts.length;
      bodyOf.set(text, b);
      texts.push(text);
    }
    ruleBody[i] = b;
  }
  const { start, items } = groupByKey(ruleBody, rules.length, texts.length);
  const ids = new Array<string>(rules.length);
  for (let k = 0; k < rules.length; k++) ids[k] = (rules[items[k] as number] as RuleInput).id;
  return { texts, start, ids };
}
