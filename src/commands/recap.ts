import { DEFAULT_RECAP_TIME, DEFAULT_RECAP_WEEKDAY, parseWeekday, weekdayName } from '../schedule/recap-due.js';
import type { Command } from './command.js';
import { ensureChannel, findChannel } from './channel.js';
import { refuse, reply } from './replies.js';
import { parseTimeOfDay } from './time.js';

const USAGE = '/papers recap on [weekday HH:MM] | off';

export default {
  name: 'recap',
  summary: 'a weekly post of the papers this channel discussed most (default Friday 16:00)',
  usage: USAGE,
  manage: true,
  readOnly: (args) => args.words.length === 0,
  async run(ctx, args, deps) {
    const [word, ...rest] = args.words;
    if (word === undefined) {
      const channel = await findChannel(deps, ctx.channel);
      const s = channel ? await deps.stores.settings.get(channel.id) : null;
      const zone = channel?.timezone ?? deps.defaults.timezone;
      if (!s?.recapEnabled) return reply([['No weekly recap here. Start one with ', { code: USAGE }, '.']]);
      return reply([[`Weekly recap on ${weekdayName(s.recapWeekday ?? DEFAULT_RECAP_WEEKDAY)}s at ${s.recapTime ?? DEFAULT_RECAP_TIME} (${zone}).`]]);
    }
    const mode = word.toLowerCase();
    if (mode === 'off') {
      if (rest.length) return refuse([['', { code: '/papers recap off' }, ' takes nothing after it.']]);
      const channel = await ensureChannel(deps, ctx.channel);
      await deps.stores.settings.update(channel.id, { recapEnabled: false });
      return reply([['Weekly recap off.']]);
    }
    if (mode !== 'on') return refuse([['Say ', { code: USAGE }, ', e.g. ', { code: '/papers recap on friday 16:00' }, '.']]);
    let weekday: number | null = null;
    let time: string | null = null;
    for (const w of rest) {
      const t = /\d/.test(w) ? parseTimeOfDay(w) : null;
      const d = t === null ? parseWeekday(w) : null;
      if (t !== null && time === null) time = t;
      else if (d !== null && weekday === null) weekday = d;
      else
        return refuse([
          [
            '',
            { code: w },
            ' is not a weekday or a 24-hour time (00:00–23:59). Use ',
            { code: USAGE },
            ', e.g. ',
            { code: '/papers recap on friday 16:00' },
            '.',
          ],
        ]);
    }
    const channel = await ensureChannel(deps, ctx.channel);
    // The first recap comes at the next slot, not at once for a slot already past.
    const s = await deps.stores.settings.update(channel.id, {
      recapEnabled: true,
      recapWeekday: weekday ?? DEFAULT_RECAP_WEEKDAY,
      recapTime: time ?? DEFAULT_RECAP_TIME,
      lastRecapAt: deps.clock.now().toISOString(),
    });
    const zone = channel.timezone ?? deps.defaults.timezone;
    return reply([
      [
        `Weekly recap on: ${weekdayName(s.recapWeekday ?? DEFAULT_RECAP_WEEKDAY)}s at ${s.recapTime ?? DEFAULT_RECAP_TIME} (${zone}), the week’s most discussed papers with links to their threads. Nothing is posted in a quiet week.`,
      ],
    ]);
  },
} satisfies Command;
