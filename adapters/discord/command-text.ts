import { OPTION_ORDER } from './command-definition.js';

type OptionValue = string | number | boolean;

/** A custom emoji as Discord puts it into text (`<:name:id>`, animated `<a:name:id>`); reactions name it by `name`. */
const CUSTOM_EMOJI = /<a?:([\w~]+):\d+>/g;

/** A word the core reads as an emoji name ("rocket", "+1", "thumbsup") rather than emoji characters. */
const NAME = /^[\p{L}\p{N}_+~-]+$/u;

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * Emoji typed into an option, one per word as the core wants them: custom
 * emoji by name, and "👍⭐" (picked from Discord's emoji picker with no space
 * between) split into "👍 ⭐".
 */
export function emojiWords(text: string): string[] {
  return text
    .replace(CUSTOM_EMOJI, ' $1 ')
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((w) => (NAME.test(w) ? [w] : [...graphemes.segment(w)].map((s) => s.segment).filter((s) => s.trim())));
}

function str(v: OptionValue | undefined): string | undefined {
  return v === undefined || v === '' ? undefined : String(v);
}

/**
 * The `/papers` text(s) the core parses for one slash command. Most options
 * follow the subcommand in OPTION_ORDER; `recap` with a day or time and no
 * mode means on; `emoji` with both lists is two commands, since the core sets
 * one list at a time ("emoji positive 👍 ⭐", "emoji negative 👎"); `reset` wins over both.
 */
export function commandTexts(subcommand: string, opts: ReadonlyMap<string, OptionValue>): string[] {
  if (subcommand === 'emoji') {
    if (opts.get('reset') === true) return ['emoji reset'];
    const texts = (['positive', 'negative'] as const)
      .map((kind) => {
        const v = str(opts.get(kind));
        return v === undefined ? null : ['emoji', kind, ...emojiWords(v)].join(' ');
      })
      .filter((t): t is string => t !== null);
    return texts.length ? texts : ['emoji'];
  }
  if (subcommand === 'recap') {
    const when = [str(opts.get('weekday')), str(opts.get('time'))].filter((v): v is string => v !== undefined);
    const mode = str(opts.get('mode')) ?? (when.length ? 'on' : undefined);
    return [['recap', ...(mode ? [mode] : []), ...when].join(' ')];
  }
  const args = (OPTION_ORDER[subcommand] ?? []).map((n) => str(opts.get(n))).filter((v): v is string => v !== undefined);
  return [[subcommand, ...args].join(' ')];
}
