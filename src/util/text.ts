/** Text on one line: every run of whitespace (line breaks, tabs) becomes one space, none at the ends. */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * Source text without C0 control characters (tab and line breaks kept) or DEL: PostgreSQL
 * refuses a NUL in text, which would fail a whole day's batch, and none of them belongs in a post.
 */
export function withoutControls(s: string): string {
  return s.replace(CONTROLS, '');
}
