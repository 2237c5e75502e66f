import type { z } from 'zod';
import { StoreCorruptError } from '../errors.js';

/** Parse a JSON column through its schema; any failure names the table, row and column. */
export function parseJsonColumn<T>(schema: z.ZodType<T>, text: string, where: { table: string; id: string | number; column: string }): T {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new StoreCorruptError(where.table, where.id, `column ${where.column} is not JSON`, { cause: err });
  }
  return parseValue(schema, raw, where);
}

/** Parse a plain column value (an enum stored as text, say) through its schema. */
export function parseValue<T>(schema: z.ZodType<T>, raw: unknown, where: { table: string; id: string | number; column: string }): T {
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new StoreCorruptError(where.table, where.id, `column ${where.column}${path}: ${issue?.message ?? 'invalid'}`, { cause: result.error });
  }
  return result.data;
}

/** A boolean column: SQLite stores 0/1, PostgreSQL a boolean. */
export function flag(value: number | boolean): boolean {
  return value === true || value === 1;
}
