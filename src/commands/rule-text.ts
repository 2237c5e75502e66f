import type { Line } from '../chat/reply.js';
import type { RuleEngine } from '../rules/engine.js';
import { MAX_RULE_LENGTH } from './limits.js';

export type RuleTextCheck = { ok: true; text: string } | { ok: false; lines: Line[] };

/**
 * What `subscribe` and `preview` accept as a rule: not empty, not too long,
 * and parsed by the engine. A parse error shows the rule with a caret under
 * the position the engine reported.
 */
export function checkRuleText(raw: string, engine: RuleEngine, usage: string): RuleTextCheck {
  const text = raw.trim();
  if (!text) return { ok: false, lines: [['A rule is needed: ', { code: usage }]] };
  if (text.length > MAX_RULE_LENGTH) {
    return { ok: false, lines: [[`That rule is ${text.length} characters long; a rule can have at most ${MAX_RULE_LENGTH}.`]] };
  }
  const check = engine.check(text);
  if (!check.ok) {
    const at = Math.max(0, Math.min(check.position, text.length));
    // The caret line shows the position, so an engine's own "at 5" suffix would only repeat it in other units.
    const message = check.message.replace(/\s+at \d+$/, '');
    return {
      ok: false,
      lines: [
        [`That rule does not parse: ${message} (at character ${at + 1}).`],
        [{ code: text }],
        [{ code: `${' '.repeat(at)}^` }],
        ['See ', { code: '/papers help rules' }, ' for the rule language.'],
      ],
    };
  }
  return { ok: true, text };
}
