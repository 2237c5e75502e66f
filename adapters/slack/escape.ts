import { cutAtWord } from '../../src/util/cut.js';
import { safeHttpUrl } from '../../src/util/safe-url.js';

// Cuts raw text: escape after cutting, with a budget that allows for the entities (see `fitEscaped`).
export { cutAtWord };

/**
 * Slack mrkdwn treats `<…>` as mentions and links and `&` as the start of an
 * entity; these three are the only characters Slack asks apps to escape.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A URL inside `<url|text>`: escaped like text, and `|` would end the URL early. */
export function escapeUrl(url: string): string {
  return escapeMrkdwn(url).replace(/\|/g, '%7C');
}

/**
 * `<url|text>` with both parts escaped, so neither can break out of the link.
 * Only an http(s) URL becomes a link: `<!channel|x>` would be a ping, so
 * anything else shows as its text alone. `text` is escaped, not cut.
 */
export function mrkdwnLink(url: string, text: string): string {
  const safe = safeHttpUrl(url);
  return safe ? `<${escapeUrl(safe)}|${escapeMrkdwn(text)}>` : escapeMrkdwn(text);
}

/** Like `mrkdwnLink` for text already escaped (and fitted) by the caller. */
export function mrkdwnLinkEscaped(url: string, escapedText: string): string {
  const safe = safeHttpUrl(url);
  return safe ? `<${escapeUrl(safe)}|${escapedText}>` : escapedText;
}

/** Escape `text` and cut it (before escaping, so no entity is split) to at most `max` escaped characters. */
export function fitEscaped(text: string, max: number): string {
  let budget = max;
  let out = escapeMrkdwn(cutAtWord(text, budget));
  // Each entity costs up to 4 extra characters; shrink until the escaped form fits.
  while (out.length > max && budget > 0) {
    budget -= Math.max(1, out.length - max);
    out = escapeMrkdwn(cutAtWord(text, budget));
  }
  return out;
}

/** Cut already-rendered mrkdwn at a line end when possible, so no link or entity is split. */
export function cutRendered(text: string, max: number): string {
  if (text.length <= max) return text;
  const hard = text.slice(0, max - 1);
  const nl = hard.lastIndexOf('\n');
  if (nl > max / 2) return `${hard.slice(0, nl)}\n…`;
  // No line to cut at: drop a trailing partial entity or link rather than leave it broken.
  const safe = hard.replace(/&[a-z]{0,4}$/, '').replace(/<[^>]*$/, '');
  return `${safe}…`;
}

/** Text shown verbatim in a ``` block, escaped and cut to fit one section. */
export function codeBlock(text: string): string {
  return `\`\`\`${fitEscaped(text.replace(/```/g, "'''"), LIMITS_SECTION - 6)}\`\`\``;
}

// Slack's section text limit (blocks.ts LIMITS.sectionText), here so escape.ts imports nothing.
const LIMITS_SECTION = 3000;
