import { canonicalEmoji, DEFAULT_EMOJI } from '../learn/emoji.js';
import type { Command } from './command.js';
import { ensureChannel, findChannel } from './channel.js';
import { refuse, reply } from './replies.js';

const USAGE = '/papers emoji [positive|negative <emoji…> | reset]';
const MAX_EMOJI = 20;

export default {
  name: 'emoji',
  summary: 'which reactions count as liked or not liked here',
  usage: USAGE,
  manage: true,
  readOnly: (args) => args.words.length === 0,
  async run(ctx, args, deps) {
    const [which, ...list] = args.words;
    if (which === undefined) {
      const channel = await findChannel(deps, ctx.channel);
      const s = channel ? await deps.stores.settings.get(channel.id) : null;
      const pos = s?.positiveEmoji ?? DEFAULT_EMOJI.positive;
      const neg = s?.negativeEmoji ?? DEFAULT_EMOJI.negative;
      return reply([
        [`Liked: ${pos.join(' ')}${s?.positiveEmoji ? '' : ' (default)'}`],
        [`Not liked: ${neg.join(' ')}${s?.negativeEmoji ? '' : ' (default)'}`],
        ['A reply in a paper’s thread counts as a mild like. Change with ', { code: USAGE }, '.'],
      ]);
    }
    const mode = which.toLowerCase();
    if (mode === 'reset' && !list.length) {
      const channel = await ensureChannel(deps, ctx.channel);
      await deps.stores.settings.update(channel.id, { positiveEmoji: null, negativeEmoji: null });
      return reply([['Reactions are back to the defaults: ', DEFAULT_EMOJI.positive.join(' '), ' liked, ', DEFAULT_EMOJI.negative.join(' '), ' not liked.']]);
    }
    if (mode !== 'positive' && mode !== 'negative') return refuse([['Use ', { code: USAGE }, ', e.g. ', { code: '/papers emoji positive 👍 rocket' }, '.']]);
    // Slack names may come as ":rocket:"; stored without colons or skin tones, as they are compared.
    const emoji = [...new Set(list.map(canonicalEmoji).filter((e) => e.length > 0 && e.length <= 64))];
    if (!emoji.length || emoji.length > MAX_EMOJI || emoji.length !== list.length) {
      return refuse([
        [
          `Give 1 to ${MAX_EMOJI} different emoji after `,
          { code: mode },
          ', e.g. ',
          { code: `/papers emoji ${mode} ${mode === 'positive' ? '👍 rocket' : '👎'}` },
          '.',
        ],
      ]);
    }
    const channel = await ensureChannel(deps, ctx.channel);
    const current = await deps.stores.settings.get(channel.id);
    const other = (mode === 'positive' ? (current.negativeEmoji ?? DEFAULT_EMOJI.negative) : (current.positiveEmoji ?? DEFAULT_EMOJI.positive)).map(
      canonicalEmoji,
    );
    const both = emoji.filter((e) => other.includes(e));
    if (both.length) return refuse([[`${both.join(' ')} already counts as ${mode === 'positive' ? 'not liked' : 'liked'}; one reaction cannot mean both.`]]);
    await deps.stores.settings.update(channel.id, mode === 'positive' ? { positiveEmoji: emoji } : { negativeEmoji: emoji });
    return reply([[`${mode === 'positive' ? 'Liked' : 'Not liked'} reactions here are now: ${emoji.join(' ')}.`]]);
  },
} satisfies Command;
