const HH_MM = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** "9:05" or "09:05" → "09:05"; null for anything outside 00:00–23:59. */
export function parseTimeOfDay(text: string): string | null {
  const m = HH_MM.exec(text.trim());
  if (!m) return null;
  return `${(m[1] ?? '').padStart(2, '0')}:${m[2] ?? ''}`;
}

/** The zone's canonical IANA name ("europe/berlin" → "Europe/Berlin"), or null when Intl does not know it. */
export function canonicalTimeZone(name: string): string | null {
  if (!name.trim()) return null;
  try {
    return new Intl.DateTimeFormat(undefined, { timeZone: name.trim() }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** "10 Mar 2026, 08:00 UTC": a moment as people in the channel's zone read it. */
export function formatMoment(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const text = new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(date);
  return `${text} ${timeZone}`;
}
