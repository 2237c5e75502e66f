import type { Line } from '../chat/reply.js';
import type { Command } from './command.js';
import { ensureChannel } from './channel.js';
import { RuleLimitError } from '../store/errors.js';
import { MAX_RULES_PER_CHANNEL } from './limits.js';
import { refuse, reply } from './replies.js';
import { checkRuleText } from './rule-text.js';

const USAGE = '/papers subscribe <rule>';

export default {
  name: 'subscribe',
  summary: 'add a rule: papers matching it are posted here',
  usage: USAGE,
  manage: true,
  async run(ctx, args, deps) {
    const checked = checkRuleText(args.raw, deps.engine, `${USAGE}, e.g. /papers subscribe pruning -survey`);
    if (!checked.ok) return refuse(checked.lines);
    const text = checked.text;
    const channel = await ensureChannel(deps, ctx.channel);
    const rules = await deps.stores.rules.list(channel.id);
    const same = rules.find((r) => r.text.toLowerCase() === text.toLowerCase());
    if (same) return refuse([['This channel already has the rule ', { code: same.text }, ` (id ${same.id}).`]]);
    const full = (count: number) =>
      refuse([
        [`This channel already has ${count} rules, the most a channel can have. Remove one with `, { code: '/papers unsubscribe <rule or id>' }, ' first.'],
      ]);
    if (rules.length >= MAX_RULES_PER_CHANNEL) return full(rules.length);
    // The store counts again as it inserts: another subscribe may have landed since the list above.
    const rule = await deps.stores.rules.add(channel.id, text, ctx.userId, deps.clock.now().toISOString(), MAX_RULES_PER_CHANNEL).catch((err: unknown) => {
      if (err instanceof RuleLimitError) return err;
      throw err;
    });
    if (rule instanceof RuleLimitError) return full(rule.count);
    const lines: Line[] = [['Subscribed this channel to ', { code: rule.text }, ` (id ${rule.id}).`]];
    if (channel.paused) lines.push(['Digests here are paused; ', { code: '/papers resume' }, ' restarts them.']);
    else lines.push(['Try ', { code: `/papers preview ${rule.text}` }, ' to see what it would have matched this week.']);
    return reply(lines);
  },
} satisfies Command;
