import pg from 'pg';
import type { Logger } from '../../log.js';
import { redactDatabaseUrl } from './url.js';

export type Pool = pg.Pool;
/** The pool, or one of its clients inside a transaction. */
export type Queryable = pg.Pool | pg.PoolClient;

const INT8_OID = 20;

/** Ids and counts are bigint; JavaScript numbers hold them exactly up to 2^53, far past any table here. */
function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`PostgreSQL bigint ${text} does not fit a JavaScript number`);
  return n;
}

const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? parseInt8 : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/** A plain identifier, so a schema name can go into search_path and DDL without quoting. */
export function checkSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new RangeError(`schema name "${schema}" must be lower-case letters, digits and _`);
  return schema;
}

export interface PoolOptions {
  logger?: Logger;
  /** Work in this schema (created when missing) instead of the connection's search_path. */
  schema?: string;
  /** Connections this process may hold at once. */
  maxConnections?: number;
}

/**
 * One pool per process. A connection that cannot be made within 10 s fails
 * (a health check must answer, not hang); an idle connection the server
 * drops is logged and replaced rather than crashing the process.
 */
export function createPool(url: string, opts: PoolOptions = {}): Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.maxConnections ?? 10,
    connectionTimeoutMillis: 10_000,
    application_name: 'paperboy',
    types,
    ...(opts.schema ? { options: `-c search_path=${checkSchemaName(opts.schema)}` } : {}),
  });
  pool.on('error', (err) => opts.logger?.warn({ err: { message: err.message }, database: redactDatabaseUrl(url) }, 'an idle PostgreSQL connection failed'));
  return pool;
}

/** Rows of a query, typed by the caller: the columns are the table's, the mapper parses what needs it. */
export async function rows<R>(db: Queryable, text: string, values: readonly unknown[] = []): Promise<R[]> {
  return (await db.query(text, values as unknown[])).rows as R[];
}

/** Rows a write changed. */
export async function changes(db: Queryable, text: string, values: readonly unknown[] = []): Promise<number> {
  return (await db.query(text, values as unknown[])).rowCount ?? 0;
}

/** `fn` between BEGIN and COMMIT on `client`, rolled back when it throws (its error is the one passed on). */
export async function inTransaction<T>(client: pg.PoolClient, fn: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const out = await fn();
    await client.query('COMMIT');
    return out;
  } catch (err) {
    // A rollback can only fail on a connection that is gone, and the pool drops such a client on release.
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/** Run `fn` in one transaction (READ COMMITTED) on a connection of its own. */
export async function transaction<T>(pool: Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await inTransaction(client, () => fn(client));
  } finally {
    client.release();
  }
}

/**
 * Serialise the writers of one channel's rows (rule limit, digest plans,
 * settings) for the rest of the transaction. FOR NO KEY UPDATE still lets
 * foreign-key checks of other inserts through. A channel that does not exist
 * locks nothing, and the write that follows fails on its foreign key.
 */
export async function lockChannel(client: pg.PoolClient, channelId: number): Promise<void> {
  await client.query('SELECT 1 FROM channels WHERE id = $1 FOR NO KEY UPDATE', [channelId]);
}
