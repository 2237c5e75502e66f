import type { Inline, Line } from '../../src/chat/reply.js';

/**
 * Discord markdown characters, plus `@` and `<` so paper text can never form a
 * mention or a channel link, even where allowed_mentions would stop the ping.
 */
const MARKDOWN = /[\\*_~`|>[\]()<#@-]/g;

export function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN, (c) => `\\${c}`);
}

/**
 * Cut to at most `max` characters at a word, marking the cut with "…".
 * Line breaks are kept: content is often several lines.
 */
export function fit(text: string, max: number): string {
  if (text.length <= max) return text;
  const slice = text.slice(0, Math.max(0, max - 1));
  const next = text[max - 1] ?? ' ';
  let cut = slice;
  if (!/\s/.test(next)) {
    const ws = Math.max(slice.lastIndexOf(' '), slice.lastIndexOf('\n'));
    // A single overlong word is cut where it is rather than emptied.
    if (ws > max * 0.5) cut = slice.slice(0, ws);
  }
  return `${cut.replace(/\s+$/, '')}…`;
}

/** Only http(s) links are rendered as links; a `)` in a URL would end the markdown link early. */
export function safeUrl(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
    return u.toString().replace(/\)/g, '%29');
  } catch {
    return null;
  }
}

export function renderInline(part: Inline): string {
  if (typeof part === 'string') return escapeMarkdown(part);
  if ('bold' in part) return `**${escapeMarkdown(part.bold)}**`;
  // Backticks cannot be escaped inside code spans; swap them for a look-alike.
  if ('code' in part) return `\`${part.code.replace(/`/g, 'ˋ')}\``;
  const url = safeUrl(part.link.url);
  const text = escapeMarkdown(part.link.text);
  return url ? `[${text}](${url})` : text;
}

export function renderLine(line: Line): string {
  return line.map(renderInline).join('');
}
