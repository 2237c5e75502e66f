import { StoreSchemaError } from './errors.js';

/**
 * One schema step. Versions only ever grow; a shipped migration is never
 * edited, a new one is added. Each engine has its own list, numbered alike:
 * version N is the same schema on SQLite and on PostgreSQL.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function checkMigrationOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new StoreSchemaError(`migration list out of order: position ${i + 1} holds version ${m.version} (${m.name})`);
  });
}

/** Refuse a database some later Paperboy migrated further than this one knows. */
export function checkNotNewer(applied: Iterable<number>, known: number, where: string): void {
  const newer = [...applied].filter((v) => v > known);
  if (newer.length) {
    throw new StoreSchemaError(
      `the database has schema version ${Math.max(...newer)}, newer than this Paperboy knows (${known}); upgrade Paperboy or use another ${where}`,
    );
  }
}

export function migrationFailed(m: Migration, err: unknown): StoreSchemaError {
  return new StoreSchemaError(`migration ${m.version} (${m.name}) failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
}
