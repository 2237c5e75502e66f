const UNIT_MS = { h: 3_600_000, m: 60_000, s: 1_000 } as const;

/** "30m", "1h", "90s", "1h30m" → milliseconds; null for anything else. */
export function parseDuration(text: string): number | null {
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text.trim().toLowerCase());
  if (!m || !(m[1] ?? m[2] ?? m[3])) return null;
  return Number(m[1] ?? 0) * UNIT_MS.h + Number(m[2] ?? 0) * UNIT_MS.m + Number(m[3] ?? 0) * UNIT_MS.s;
}
