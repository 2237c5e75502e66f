import { oneLine } from '../util/text.js';
const MAX = 120;

/** About `MAX` characters of `text` around [start, end), on one line, cut at word boundaries. */
export function snippetAround(text: string, start: number, end: number): string {
  if (text.length <= MAX) return oneLine(text);
  const room = Math.max(0, MAX - (end - start));
  let from = Math.max(0, start - Math.floor(room / 2));
  let to = Math.min(text.length, from + Math.max(MAX, end - start));
  from = Math.max(0, Math.min(from, to - MAX));
  if (from > 0) {
    const space = text.indexOf(' ', from);
    if (space >= 0 && space < start) from = space + 1;
  }
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space > end) to = space;
  }
  return `${from > 0 ? '…' : ''}${oneLine(text.slice(from, to))}${to < text.length ? '…' : ''}`;
}
