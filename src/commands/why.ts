import type { Line } from '../chat/reply.js';
import type { Command } from './command.js';
import { findChannel } from './channel.js';
import { modelLines } from './model-lines.js';
import { titleLink } from './paper-lines.js';
import { paperForCommand } from './paper-ref.js';
import { refuse, reply, withList } from './replies.js';

export default {
  name: 'why',
  summary: 'why a paper matched this channel: rules, terms, fields, snippets',
  usage: '/papers why [paper id]',
  manage: false,
  async run(ctx, args, deps) {
    const found = await paperForCommand('why', ctx, args, deps);
    if (!found.ok) return refuse(found.lines);
    const p = found.paper;
    const channel = await findChannel(deps, ctx.channel);
    const rules = channel ? await deps.stores.rules.list(channel.id) : [];
    const paper: Line = [titleLink(p), ` (${p.id})`];
    if (!rules.length) return reply([paper, ['This channel has no rules, so it matches nothing here.']]);
    const byId = new Map(rules.map((r) => [String(r.id), r]));
    // The rules as they are now: a rule removed since the paper was posted no longer explains it.
    const order = rules.map((r) => String(r.id));
    const matches = deps.engine
      .compile(rules.map((r) => ({ id: String(r.id), text: r.text })))
      .match(p)
      .filter((m) => byId.has(m.ruleId))
      .sort((a, b) => order.indexOf(a.ruleId) - order.indexOf(b.ruleId));
    if (!matches.length) return reply([paper, [`It matches none of this channel’s ${rules.length} current rule${rules.length === 1 ? '' : 's'}.`]]);
    const learned = channel ? await modelLines(channel, p, deps) : [];
    const items: Line[] = [];
    for (const m of matches) {
      const rule = byId.get(m.ruleId);
      if (!rule) continue;
      if (deps.describeMatch) {
        items.push([{ code: rule.text }, ': ', deps.describeMatch(rule.text, m)]);
        continue;
      }
      const line: Line = [{ code: rule.text }, ' — '];
      m.hits.forEach((h, i) => {
        line.push(i > 0 ? '; ' : '', { code: h.term }, ` in the ${h.field}: “${h.snippet}”`);
      });
      items.push(line);
    }
    return withList([[...paper, ` matches ${matches.length} of this channel’s rules:`]], items, learned);
  },
} satisfies Command;
