import type { Command } from './command.js';
import { ensureChannel, findChannel, scheduleOf } from './channel.js';
import { refuse, reply } from './replies.js';
import { canonicalTimeZone, parseTimeOfDay } from './time.js';

const USAGE = '/papers schedule <HH:MM> [timezone]';

export default {
  name: 'schedule',
  summary: 'this channel’s daily digest time, e.g. /papers schedule 09:30 Europe/Berlin',
  usage: USAGE,
  manage: true,
  readOnly: (args) => args.words.length === 0,
  async run(ctx, args, deps) {
    const [timeText, zoneText, ...extra] = args.words;
    if (!timeText) {
      const s = scheduleOf(await findChannel(deps, ctx.channel), deps);
      return reply([[`Daily digest at ${s.time} (${s.timezone})${s.isDefault ? ', the default' : ''}. Change it with `, { code: USAGE }, '.']]);
    }
    const time = parseTimeOfDay(timeText);
    if (!time)
      return refuse([['', { code: timeText }, ' is not a time of day. Use 24-hour HH:MM from 00:00 to 23:59, e.g. ', { code: '/papers schedule 09:30' }, '.']]);
    if (extra.length) return refuse([['Too many words: ', { code: USAGE }, ', e.g. ', { code: '/papers schedule 09:30 Europe/Berlin' }, '.']]);
    const zone = zoneText === undefined ? undefined : canonicalTimeZone(zoneText);
    if (zone === null)
      return refuse([
        [
          '',
          { code: zoneText ?? '' },
          ' is not a time zone I know. Use an IANA name such as ',
          { code: 'Europe/Berlin' },
          ' or ',
          { code: 'America/New_York' },
          '.',
        ],
      ]);
    const channel = await ensureChannel(deps, ctx.channel);
    // Without a zone the channel keeps the one it had (or the deployment default).
    const timezone = zone ?? channel.timezone;
    await deps.stores.channels.setSchedule(channel.id, time, timezone);
    const shown = timezone ?? deps.defaults.timezone;
    return reply([[`Daily digest here is now at ${time} (${shown}).`]]);
  },
} satisfies Command;
