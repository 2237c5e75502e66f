/**
 * Cut to at most `max` characters at a word, marking the cut with "…".
 * Line breaks are kept (and count as word boundaries): chat content is often
 * several lines. Callers that want one line collapse whitespace first.
 */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  // Nothing fits, not even the ellipsis; callers shrinking a budget can reach this.
  if (max <= 0) return '';
  const slice = text.slice(0, max - 1);
  const next = text[max - 1] ?? ' ';
  let cut = slice;
  // When the next character is whitespace the slice already ends on a whole word.
  if (!/\s/.test(next)) {
    const ws = Math.max(slice.lastIndexOf(' '), slice.lastIndexOf('\n'));
    // A single overlong word is cut where it is rather than emptied.
    if (ws > max * 0.5) cut = slice.slice(0, ws);
  }
  return `${cut.replace(/\s+$/, '')}…`;
}
