import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The PostgreSQL server the PostgreSQL suite runs against (CI sets it; see
 * README → Development). Unset: that suite is skipped, with one line saying so.
 */
export const PG_URL = process.env.PAPERBOY_TEST_DATABASE_URL?.trim() || undefined;

/** A schema name no other test file, run or helper on the same server uses. */
export function uniqueSchemaName(label: string): string {
  const tag = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 20);
  return `pbt_${tag}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/** The URL of `schema` on the test server: every connection made from it works in that schema. */
export function schemaUrl(schema: string, base = requirePgUrl()): string {
  const u = new URL(base);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

export function requirePgUrl(): string {
  if (!PG_URL) throw new Error('PAPERBOY_TEST_DATABASE_URL is not set');
  return PG_URL;
}

/** Run one statement as the test server's admin (outside any test schema). */
export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: requirePgUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function dropSchema(schema: string): Promise<void> {
  await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
}
