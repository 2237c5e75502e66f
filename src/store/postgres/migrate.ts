import type pg from 'pg';
import type { Logger } from '../../log.js';
import { StoreSchemaError } from '../errors.js';
import { checkMigrationOrder, checkNotNewer, type Migration, migrationFailed } from '../migration.js';
import { migrationLock } from './locks.js';
import { checkSchemaName, inTransaction, type Pool, rows } from './pool.js';

async function applyPending(client: pg.PoolClient, migrations: readonly Migration[], createSchema: string | undefined): Promise<number[]> {
  if (createSchema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${createSchema}`);
  const [where] = await rows<{ schema: string | null }>(client, 'SELECT current_schema() AS schema');
  if (!where?.schema) throw new StoreSchemaError('the connection’s search_path names no existing schema: create it, or fix the options in DATABASE_URL');
  await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    integer     PRIMARY KEY,
    name       text        NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const done = new Set((await rows<{ version: number }>(client, 'SELECT version FROM schema_migrations')).map((r) => r.version));
  checkNotNewer(done, migrations.length, 'database or schema');
  const applied: number[] = [];
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    try {
      // DDL is transactional in PostgreSQL: a failing step leaves nothing behind.
      await inTransaction(client, async () => {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      });
    } catch (err) {
      throw migrationFailed(m, err);
    }
    applied.push(m.version);
  }
  return applied;
}

/**
 * Apply, in order, every migration the schema has not recorded yet, each in
 * its own transaction, under a session advisory lock on the schema: workers
 * starting together take turns, and each after the first finds the versions
 * recorded and applies nothing. The lock goes with the session, so a process
 * killed mid-migration frees it. `schema` (when given) is created first, under
 * the same lock. Returns the versions this call applied.
 */
export async function migrate(pool: Pool, migrations: readonly Migration[], opts: { logger?: Logger; schema?: string } = {}): Promise<number[]> {
  checkMigrationOrder(migrations);
  const schema = opts.schema === undefined ? undefined : checkSchemaName(opts.schema);
  const client = await pool.connect();
  let unlockFailed: Error | undefined;
  try {
    const [lockName] = await rows<{ name: string | null }>(client, 'SELECT current_schema() AS name');
    const [ns, key] = migrationLock(schema ?? lockName?.name ?? '');
    await client.query('SELECT pg_advisory_lock($1, $2)', [ns, key]);
    try {
      const applied = await applyPending(client, migrations, schema);
      if (applied.length) opts.logger?.info({ applied, version: migrations.length }, 'database schema migrated');
      return applied;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, $2)', [ns, key]).catch((err: unknown) => {
        unlockFailed = err instanceof Error ? err : new Error(String(err));
      });
    }
  } finally {
    // A session whose unlock failed is closed, not pooled: its lock goes with it.
    client.release(unlockFailed);
  }
}
