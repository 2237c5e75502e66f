import type { Inline, Line } from '../../src/chat/reply.js';
import { safeHttpUrl } from '../../src/util/safe-url.js';

// The renderers cut with `fit`; it is the cutter Slack and the digest share.
export { cutAtWord as fit } from '../../src/util/cut.js';

/**
 * Discord markdown characters, plus `@` and `<` so paper text can never form a
 * mention or a channel link, even where allowed_mentions would stop the ping.
 */
const MARKDOWN = /[\\*_~`|>[\]()<#@-]/g;

export function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN, (c) => `\\${c}`);
}

/** Only http(s) links are rendered as links; a `)` in a URL would end the markdown link early. */
export function safeUrl(url: string): string | null {
  return safeHttpUrl(url)?.replace(/\)/g, '%29') ?? null;
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

/** Text shown verbatim in a fenced block; a fence inside it would end the block early. */
export function codeBlock(text: string): string {
  return `\`\`\`\n${text.replace(/```/g, 'ˋˋˋ')}\n\`\`\``;
}
