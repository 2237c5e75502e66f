import type { Command } from './command.js';
import { paperIdFrom } from './paper-ref.js';
import { refuse, reply } from './replies.js';
import { workspaceOf } from './saved-list.js';

export default {
  name: 'unsave',
  summary: 'take a paper off your reading list',
  usage: '/papers unsave <paper id>',
  manage: false,
  async run(ctx, args, deps) {
    const given = args.words[0];
    if (!given) return refuse([['Say which paper: ', { code: '/papers unsave 2412.01234' }, '; ', { code: '/papers saved' }, ' lists yours.']]);
    const id = paperIdFrom(given);
    const removed = await deps.stores.saved.remove(workspaceOf(ctx), ctx.userId, id);
    if (!removed) return refuse([[{ code: id || given }, ' is not on your reading list. ', { code: '/papers saved' }, ' lists it.']]);
    return reply([['Took ', { code: id }, ' off your reading list.']]);
  },
} satisfies Command;
