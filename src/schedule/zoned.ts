import { Temporal } from 'temporal-polyfill';

// Building a DateTimeFormat is the costly part, and the scheduler asks every channel every minute; time zones are few, so one per zone is kept.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, fmt);
  }
  return fmt;
}

// Within one scheduler tick every channel asks about the same instant: each zone's day is formatted once for it.
let daysAt: { instant: number; byZone: Map<string, string> } = { instant: Number.NaN, byZone: new Map() };

/** The local calendar day (YYYY-MM-DD) of an instant in a timezone. */
export function localDay(instant: Date, timeZone: string): string {
  const t = instant.getTime();
  if (t !== daysAt.instant) daysAt = { instant: t, byZone: new Map() };
  let day = daysAt.byZone.get(timeZone);
  if (day === undefined) {
    const parts = formatterFor(timeZone).formatToParts(instant);
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    day = `${get('year')}-${get('month')}-${get('day')}`;
    daysAt.byZone.set(timeZone, day);
  }
  return day;
}

/** The weekday (0 = Sunday … 6 = Saturday) of a YYYY-MM-DD day. */
export function weekdayOf(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

// Every channel asks for its slot every minute, but the slots are few (zones × times × days): each is resolved once.
const instants = new Map<string, Date>();
const MAX_CACHED_INSTANTS = 4096;

/**
 * The instant at which the wall clock in `timeZone` shows `day` `hhmm`.
 * A time the clock skips (the spring-forward gap) is the first minute after
 * the gap; a time it shows twice (the autumn overlap) is its first occurrence,
 * so a digest there runs once, in the first of the two hours.
 */
export function zonedInstant(day: string, hhmm: string, timeZone: string): Date {
  const key = `${timeZone}|${day}|${hhmm}`;
  const cached = instants.get(key);
  if (cached) return new Date(cached.getTime());
  const [year, month, dayOfMonth] = day.split('-').map(Number) as [number, number, number];
  const [hour, minute] = hhmm.split(':').map(Number) as [number, number];
  const wall = Temporal.PlainDateTime.from({ year, month, day: dayOfMonth, hour, minute });
  const instant = new Date(firstInstantShowing(wall, timeZone).epochMilliseconds);
  if (instants.size >= MAX_CACHED_INSTANTS) instants.clear();
  instants.set(key, instant);
  return new Date(instant.getTime());
}

function firstInstantShowing(wall: Temporal.PlainDateTime, timeZone: string): Temporal.ZonedDateTime {
  const first = wall.toZonedDateTime(timeZone, { disambiguation: 'earlier' });
  if (first.toPlainDateTime().equals(wall)) return first;
  // A gap: 'earlier' lands before it, at another wall time. The clock jumps at the transition, the first instant after the gap.
  const after = wall.toZonedDateTime(timeZone, { disambiguation: 'later' });
  return after.getTimeZoneTransition('previous') ?? after;
}
