import type { Command } from './command.js';
import { findChannel } from './channel.js';
import { refuse, reply } from './replies.js';

export default {
  name: 'unsubscribe',
  summary: 'remove a rule, by its text or its id from list',
  usage: '/papers unsubscribe <rule or id>',
  manage: true,
  async run(ctx, args, deps) {
    const target = args.raw;
    if (!target) return refuse([['Say which rule to remove: ', { code: '/papers unsubscribe <rule or id>' }, '; ', { code: '/papers list' }, ' shows them.']]);
    const channel = await findChannel(deps, ctx.channel);
    // A numeric id names a rule of any channel in the store, so check it is this channel's before removing.
    const rules = channel ? await deps.stores.rules.list(channel.id) : [];
    // An id wins over a rule whose text happens to be that number, as in the store.
    const rule = rules.find((r) => String(r.id) === target) ?? rules.find((r) => r.text.toLowerCase() === target.toLowerCase());
    if (!channel || !rule) {
      return refuse([['This channel has no rule ', { code: target }, '. ', { code: '/papers list' }, ' shows its rules and their ids.']]);
    }
    const removed = await deps.stores.rules.remove(channel.id, String(rule.id));
    if (!removed) return refuse([['The rule ', { code: rule.text }, ' was already removed.']]);
    const left = rules.length - 1;
    return reply([['Removed the rule ', { code: removed.text }, ` (id ${removed.id}). This channel has ${left === 0 ? 'no rules left' : `${left} rule${left === 1 ? '' : 's'} left`}.`]]);
  },
} satisfies Command;
