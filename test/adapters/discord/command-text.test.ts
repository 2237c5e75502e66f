import { describe, expect, it } from 'vitest';
import { commandTexts, emojiWords } from '../../../adapters/discord/command-text.js';
import { isManaging } from '../../../adapters/discord/interaction-context.js';

const texts = (sub: string, opts: Record<string, string | boolean> = {}) => commandTexts(sub, new Map(Object.entries(opts)));

describe('slash options → the text the core parses', () => {
  it.each([
    ['learn', {}, ['learn']],
    ['learn', { mode: 'off' }, ['learn off']],
    ['threshold', { value: '0.4' }, ['threshold 0.4']],
    ['threshold', { value: 'off' }, ['threshold off']],
    ['recap', {}, ['recap']],
    ['recap', { mode: 'off' }, ['recap off']],
    ['recap', { mode: 'on', weekday: 'friday', time: '16:00' }, ['recap on friday 16:00']],
    ['recap', { time: '16:00', weekday: 'monday' }, ['recap on monday 16:00']],
    ['emoji', {}, ['emoji']],
    ['emoji', { negative: '👎 🙄' }, ['emoji negative 👎 🙄']],
    ['emoji', { positive: '👍⭐', negative: '👎' }, ['emoji positive 👍 ⭐', 'emoji negative 👎']],
    ['emoji', { positive: '👍', reset: true }, ['emoji reset']],
    ['emoji', { negative: '👎', reset: false }, ['emoji negative 👎']],
    ['schedule', { timezone: 'Europe/Berlin', time: '09:30' }, ['schedule 09:30 Europe/Berlin']],
    ['subscribe', { rule: 'pruning -survey', channel: '1' }, ['subscribe pruning -survey']],
  ] as const)('%s %j', (sub, opts, want) => {
    expect(texts(sub, opts)).toEqual(want);
  });

  it('emoji typed as custom emoji, names, skin tones and runs without spaces become one word each', () => {
    expect(emojiWords('<:arxiv_yes:555000000000000001><a:party:555000000000000002> rocket +1 👍🏽⭐🔖')).toEqual([
      'arxiv_yes',
      'party',
      'rocket',
      '+1',
      '👍🏽',
      '⭐',
      '🔖',
    ]);
    expect(emojiWords('👨‍👩‍👧 ❤️')).toEqual(['👨‍👩‍👧', '❤️']);
  });

  it('the new settings need the managing permission to change, not to show', () => {
    for (const sub of ['learn', 'threshold', 'recap', 'emoji']) {
      expect(isManaging(sub)).toBe(false);
      expect(isManaging(`${sub} off`)).toBe(true);
    }
    expect(isManaging('why 2599.00001')).toBe(false);
  });
});
