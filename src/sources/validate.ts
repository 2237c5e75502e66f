import type { z } from 'zod';

/** One line a log reader can act on: "paper.title: expected string, received undefined; …". */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(item)'}: ${i.message}`)
    .join('; ');
}

/** The id of an item that failed validation, if it has a readable one, for the skip log. */
export function rawId(value: unknown, ...path: string[]): string | null {
  let cur: unknown = value;
  for (const key of path) {
    if (typeof cur !== 'object' || cur === null) return null;
    cur = (cur as Record<string, unknown>)[key];
  }
  return typeof cur === 'string' ? cur : null;
}

export interface Validated<T> {
  items: T[];
  skipped: { id: string | null; reason: string }[];
}

/**
 * Validate each item on its own: one malformed item is logged and skipped,
 * the rest of the batch goes on.
 */
export function validateEach<T>(
  raw: readonly unknown[],
  parse: (item: unknown) => { ok: true; value: T } | { ok: false; id: string | null; reason: string },
  log: (skip: { id: string | null; reason: string }) => void,
): Validated<T> {
  const out: Validated<T> = { items: [], skipped: [] };
  for (const item of raw) {
    const r = parse(item);
    if (r.ok) {
      out.items.push(r.value);
    } else {
      const skip = { id: r.id, reason: r.reason };
      out.skipped.push(skip);
      log(skip);
    }
  }
  return out;
}
