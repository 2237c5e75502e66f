import type { Rule } from '../types.js';

export interface RuleRow {
  id: number;
  channel_id: number;
  text: string;
  added_by: string;
  added_at: string;
}

export function toRule(row: RuleRow): Rule {
  return { id: row.id, channelId: row.channel_id, text: row.text, addedBy: row.added_by, addedAt: row.added_at };
}

/** Same rule text in any letter case; JavaScript folds all of Unicode, the databases' lower() may fold ASCII only. */
export function sameRuleText(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** An all-digit argument names a rule id first; otherwise (or when no such id) the text. */
export function findRule<R extends RuleRow>(rules: readonly R[], textOrId: string): R | undefined {
  const arg = textOrId.trim();
  return (/^\d+$/.test(arg) ? rules.find((r) => r.id === Number(arg)) : undefined) ?? rules.find((r) => sameRuleText(r.text, arg));
}
