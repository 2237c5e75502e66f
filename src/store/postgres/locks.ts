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
