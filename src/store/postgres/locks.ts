/*
 * Advisory lock keys, all in one place so that two purposes never share one.
 * PostgreSQL's two-key form is used: the first key marks the lock as
 * Paperboy's, the second names what it guards.
 */

/** "pboy" as an int4: Paperboy's advisory locks. */
export const LOCK_NAMESPACE = 0x70626f79;

/** FNV-1a of a name, as a signed int4 (the type of advisory lock keys). */
export function lockKey(name: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(name)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** Held while one process migrates a schema; keyed by the schema, so separate schemas migrate independently. */
export const migrationLock = (schema: string): [number, number] => [LOCK_NAMESPACE, lockKey(`migrate:${schema}`)];

/**
 * Each worker's own session holds (WORKER_NAMESPACE, hashtext(worker id)) for
 * as long as the worker runs: PostgreSQL frees it when the session ends, so a
 * claim whose owner holds no such lock belongs to a worker that is gone
 * (killed, crashed, cut off), on whatever host it ran. "pbwk" as an int4.
 */
export const WORKER_NAMESPACE = 0x7062776b;

/**
 * The lock keys of live workers, for a CTE. Advisory locks are per database;
 * a worker id is unique (host, pid, random), so schemas sharing one database
 * do not mistake each other's workers.
 */
export const LIVE_WORKER_KEYS = `SELECT l.objid FROM pg_locks l
  WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2 AND l.classid = ${WORKER_NAMESPACE}::oid
    AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`;

/** A named lock of one schema ("tick", "source:hf", "discord-gateway"): workers of other schemas on the database never share it. */
export const namedLock = (schema: string, name: string): [number, number] => [LOCK_NAMESPACE, lockKey(`${schema}:${name}`)];

/**
 * Every worker's session also holds this lock of its schema in shared mode, so
 * the workers of one deployment can be counted apart from those of another
 * schema on the same database.
 */
export const schemaWorkersLock = (schema: string): [number, number] => [LOCK_NAMESPACE, lockKey(`${schema}:workers`)];

/** How many sessions hold the schema's workers lock ($1, $2: its keys). */
export const COUNT_SCHEMA_WORKERS = `SELECT count(*)::int AS n FROM pg_locks l
  WHERE l.locktype = 'advisory' AND l.granted AND l.mode = 'ShareLock' AND l.objsubid = 2
    AND l.classid = $1::int::oid AND l.objid = $2::int::oid
    AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
