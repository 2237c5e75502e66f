import type { OutboundMessage } from './port.js';
import { lineText, type Line } from './reply.js';

// Building a DateTimeFormat costs far more than using one, and a digest renders a header per channel.
const formats = new Map<string, Intl.DateTimeFormat>();

/** "Tue 9 Dec" in the channel's timezone. */
export function digestDate(iso: string, timeZone: string): string {
  const d = new Date(iso);
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short' });
    formats.set(timeZone, format);
  }
  const parts = format.formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('weekday')} ${get('day')} ${get('month')}`;
}

/** "5 new papers for pruning, graph neural network — Tue 9 Dec" */
export function headerText(h: Extract<OutboundMessage, { kind: 'header' }>): string {
  const noun = h.count === 1 ? 'paper' : 'papers';
  const rules = h.rules.length ? ` for ${h.rules.join(', ')}` : '';
  return `${h.count} new ${noun}${rules} — ${digestDate(h.date, h.timezone)}`;
}

/** "and 3 more — /papers more", the command marked as code for platforms that show it so. */
export function moreLine(remaining: number): Line {
  return [`and ${remaining} more — `, { code: '/papers more' }];
}

export function moreText(remaining: number): string {
  return lineText(moreLine(remaining));
}
