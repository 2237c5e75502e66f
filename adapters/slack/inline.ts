import type { Inline, Line } from '../../src/chat/reply.js';
import { escapeMrkdwn, mrkdwnLink } from './escape.js';

/** Neutral rich text → mrkdwn, escaping every string that came from outside. */
export function inlineMrkdwn(part: Inline): string {
  if (typeof part === 'string') return escapeMrkdwn(part);
  if ('bold' in part) return part.bold.trim() ? `*${escapeMrkdwn(part.bold)}*` : '';
  // Backticks inside code would close it early; Slack has no escape for them.
  if ('code' in part) return part.code ? `\`${escapeMrkdwn(part.code.replace(/`/g, "'"))}\`` : '';
  return mrkdwnLink(part.link.url, part.link.text);
}

export function lineMrkdwn(line: Line): string {
  return line.map(inlineMrkdwn).join('');
}
