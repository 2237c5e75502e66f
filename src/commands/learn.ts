import { DEFAULT_EMOJI } from '../learn/emoji.js';
import type { Command } from './command.js';
import { ensureChannel, findChannel } from './channel.js';
import { refuse, reply } from './replies.js';

const USAGE = '/papers learn on|off';

// Show 👍 rather than its Slack name "+1" when both spellings are configured.
const isPictograph = (e: string): boolean => /\p{Extended_Pictographic}/u.test(e);

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
      const s = channel ? await deps.stores.settings.get(channel.id) : null;
      if (s && !s.learn) return reply([['Learning is off here: digests follow the rules alone. Change it with ', { code: USAGE }, '.']]);
      const pos = (s?.positiveEmoji ?? DEFAULT_EMOJI.positive).filter(isPictograph).join(' ') || (s?.positiveEmoji ?? []).join(' ');
      const neg = (s?.negativeEmoji ?? DEFAULT_EMOJI.negative).filter(isPictograph).join(' ') || (s?.negativeEmoji ?? []).join(' ');
      return reply([
        [
          `Learning is on here: once there is enough feedback, ${pos} and replies move papers like them up and ${neg} moves them down. Change it with `,
          { code: USAGE },
          '; the reactions: ',
          { code: '/papers emoji' },
          '.',
        ],
      ]);
    }
    if ((word !== 'on' && word !== 'off') || extra.length) return refuse([['Say ', { code: '/papers learn on' }, ' or ', { code: '/papers learn off' }, '.']]);
    const channel = await ensureChannel(deps, ctx.channel);
    await deps.stores.settings.update(channel.id, { learn: word === 'on' });
    return reply([
      [
        word === 'on'
          ? 'Learning is on: reactions on paper posts now shape the order of this channel’s digests.'
          : 'Learning is off: digests here follow the rules alone. Reactions are still kept.',
      ],
    ]);
  },
} satisfies Command;
