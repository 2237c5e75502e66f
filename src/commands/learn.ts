import type { Command } from './command.js';
import { ensureChannel, findChannel } from './channel.js';
import { refuse, reply } from './replies.js';

const USAGE = '/papers learn on|off';

export default {
  name: 'learn',
  summary: 'order (and with a threshold, cut) digests by what this channel reacts to',
  usage: USAGE,
  manage: true,
  readOnly: (args) => args.words.length === 0,
  async run(ctx, args, deps) {
    const [word, ...extra] = args.words.map((w) => w.toLowerCase());
    if (word === undefined) {
      const channel = await findChannel(deps, ctx.channel);
      const on = channel ? (await deps.stores.settings.get(channel.id)).learn : true;
      return reply([[`Learning is ${on ? 'on' : 'off'} here: `, on ? '👍 ⭐ 🔖 and replies move papers like them up, 👎 moves them down, once there is enough feedback.' : 'digests follow the rules alone.', ' Change it with ', { code: USAGE }, '.']]);
    }
    if ((word !== 'on' && word !== 'off') || extra.length) return refuse([['Say ', { code: '/papers learn on' }, ' or ', { code: '/papers learn off' }, '.']]);
    const channel = await ensureChannel(deps, ctx.channel);
    await deps.stores.settings.update(channel.id, { learn: word === 'on' });
    return reply([[word === 'on' ? 'Learning is on: reactions on paper posts now shape the order of this channel’s digests.' : 'Learning is off: digests here follow the rules alone. Reactions are still kept.']]);
  },
} satisfies Command;
