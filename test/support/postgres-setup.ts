import pg from 'pg';
import { PG_URL } from './postgres.js';

/**
 * Vitest global setup. Without PAPERBOY_TEST_DATABASE_URL the PostgreSQL
 * suite is skipped, said once here; with it, the server must answer, or the
 * run fails rather than pass without that suite.
 */
export default async function setup(): Promise<void> {
  if (!PG_URL) {
    console.log(
      'PostgreSQL suite skipped: set PAPERBOY_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test (any server where you may create schemas) to run it (README → Development).',
    );
    return;
  }
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (err) {
    throw new Error(`PAPERBOY_TEST_DATABASE_URL is set but the server does not answer: ${err instanceof Error ? err.message || err.name : String(err)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
