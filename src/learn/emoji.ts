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

/** +1 for a positive emoji, -1 for a negative one, 0 for anything else (or both lists). */
export function emojiPolarity(raw: string, config: EmojiConfig): Polarity {
  const e = canonicalEmoji(raw);
  const pos = config.positive.some((p) => canonicalEmoji(p) === e);
  const neg = config.negative.some((n) => canonicalEmoji(n) === e);
  if (pos === neg) return 0;
  return pos ? 1 : -1;
}
