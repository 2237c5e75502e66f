/** Which reactions count as "want more like this" and which as "not for us", per channel. */
export interface EmojiConfig {
  positive: string[];
  negative: string[];
}

/**
 * Slack sends reaction names ("+1", "thumbsup"), Discord sends the unicode
 * character, so the default lists carry both spellings of 👍 ⭐ 🔖 / 👎.
 */
export const DEFAULT_EMOJI: EmojiConfig = {
  positive: ['👍', '⭐', '🔖', '+1', 'thumbsup', 'star', 'bookmark'],
  negative: ['👎', '-1', 'thumbsdown'],
};

// Skin tones and the emoji variation selector change the code points but not the meaning.
const MODIFIERS = /[\u{1F3FB}-\u{1F3FF}\u{FE0F}\u{FE0E}]/gu;

/**
 * One spelling per reaction: ":+1::skin-tone-3:" (Slack), "👍🏽" and "⭐️"
 * (Discord) become "+1", "👍" and "⭐".
 */
export function canonicalEmoji(raw: string): string {
  return raw
    .trim()
    .replace(/::skin-tone-\d:?/g, ':')
    .replace(/^:+|:+$/g, '')
    .replace(MODIFIERS, '')
    .toLowerCase();
}

export type Polarity = 1 | -1 | 0;

/**
 * What the Relevant / Not for us buttons store as their "emoji": a vote counts
 * like 👍 / 👎 whatever the channel's emoji lists say.
 */
export const VOTE_EMOJI = { relevant: 'paperboy:relevant', 'not-for-us': 'paperboy:not-for-us' } as const;

/**
 * A channel's emoji lists read once: +1 for a positive emoji, -1 for a
 * negative one, 0 for anything else (or both lists). Callers going through
 * many events make it once, not once per event.
 */
export function polarityOf(config: EmojiConfig): (raw: string) => Polarity {
  const pos = new Set(config.positive.map(canonicalEmoji));
  const neg = new Set(config.negative.map(canonicalEmoji));
  return (raw) => {
    const e = canonicalEmoji(raw);
    if (e === VOTE_EMOJI.relevant) return 1;
    if (e === VOTE_EMOJI['not-for-us']) return -1;
    const p = pos.has(e);
    if (p === neg.has(e)) return 0;
    return p ? 1 : -1;
  };
}

/** One emoji's polarity under `config` (see polarityOf). */
export function emojiPolarity(raw: string, config: EmojiConfig): Polarity {
  return polarityOf(config)(raw);
}
