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
    // The store looks the rule up among this channel's only: an id first, then the text in any case.
    const removed = channel ? await deps.stores.rules.remove(channel.id, target) : null;
    if (!channel || !removed) {
      return refuse([['This channel has no rule ', { code: target }, '. ', { code: '/papers list' }, ' shows its rules and their ids.']]);
    }
    const left = (await deps.stores.rules.list(channel.id)).length;
    return reply([
      [
        'Removed the rule ',
        { code: removed.text },
        ` (id ${removed.id}). This channel has ${left === 0 ? 'no rules left' : `${left} rule${left === 1 ? '' : 's'} left`}.`,
      ],
    ]);
  },
} satisfies Command;
