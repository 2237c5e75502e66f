import type { Command } from './command.js';
import { ensureChannel, findChannel } from './channel.js';
import { refuse, reply } from './replies.js';

const USAGE = '/papers threshold <0..1|off>';

/** "0.4", ".4", "0,4" → 0.4; null unless a number from 0 to 1. */
export function parseThreshold(text: string): number | null {
  const t = text.trim().replace(',', '.');
  if (!/^(?:0?\.\d+|[01](?:\.\d*)?)$/.test(t)) return null;
  const n = Number(t);
  return n >= 0 && n <= 1 ? n : null;
}

export default {
  name: 'threshold',
  summary: 'drop papers the learned model says this channel is unlikely to want (e.g. 0.4), or off',
  usage: USAGE,
  manage: true,
  readOnly: (args) => args.words.length === 0,
  async run(ctx, args, deps) {
    const [word, ...extra] = args.words;
    if (word === undefined) {
      const channel = await findChannel(deps, ctx.channel);
      const t = channel ? (await deps.stores.settings.get(channel.id)).threshold : null;
      return reply([
        [
          t === null
            ? 'No threshold: every matching paper is kept (the model only orders them).'
            : `Threshold ${t}: papers the model rates below it are left out once it has enough feedback.`,
          ' Change it with ',
          { code: USAGE },
          '.',
        ],
      ]);
    }
    const off = word.toLowerCase() === 'off';
    const value = off ? null : parseThreshold(word);
    if ((!off && value === null) || extra.length) {
      return refuse([
        [
          '',
          { code: word },
          ' is not a threshold. Give a number from 0 to 1, e.g. ',
          { code: '/papers threshold 0.4' },
          ', or ',
          { code: '/papers threshold off' },
          '.',
        ],
      ]);
    }
    const channel = await ensureChannel(deps, ctx.channel);
    const settings = await deps.stores.settings.update(channel.id, { threshold: value });
    if (value === null) return reply([['Threshold off: every matching paper is kept.']]);
    const note = settings.learn ? '' : ' Learning is off here, so it has no effect until ';
    return reply([
      [
        `Threshold set to ${value}: once the model has enough feedback, papers it rates below ${value} are left out.`,
        note,
        ...(note ? [{ code: '/papers learn on' }, '.'] : []),
      ],
    ]);
  },
} satisfies Command;
