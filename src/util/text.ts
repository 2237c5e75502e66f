/** Text on one line: every run of whitespace (line breaks, tabs) becomes one space, none at the ends. */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
