import type Database from 'better-sqlite3';
import type { Logger } from '../../log.js';
import { checkMigrationOrder, checkNotNewer, type Migration, migrationFailed } from '../migration.js';

function appliedVersions(db: Database.Database): Set<number> {
  const rows = db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[];
  return new Set(rows);
}

/**
 * Apply, in order, every migration the database has not recorded yet, each in
 * its own write transaction. Two processes opening the same new file race
 * safely: the immediate transaction serialises them and the loser sees the
 * version recorded and skips it. Returns the versions this call applied.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[], opts: { logger?: Logger; now?: () => string } = {}): number[] {
  checkMigrationOrder(migrations);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const known = migrations.length;
  checkNotNewer(appliedVersions(db), known, 'database file');
  const now = opts.now ?? (() => new Date().toISOString());
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').pluck();
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: number[] = [];
  for (const m of migrations) {
    const step = db.transaction(() => {
      if (isApplied.get(m.version)) return false;
      db.exec(m.sql);
      record.run(m.version, m.name, now());
      return true;
    });
    try {
      if (step.immediate()) applied.push(m.version);
    } catch (err) {
      throw migrationFailed(m, err);
    }
  }
  if (applied.length) opts.logger?.info({ applied, version: known }, 'database schema migrated');
  return applied;
}

/** The highest version recorded, 0 for a database never migrated. */
export function schemaVersion(db: Database.Database): number {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").pluck().get();
  if (!exists) return 0;
  return (db.prepare('SELECT coalesce(max(version), 0) FROM schema_migrations').pluck().get() as number) ?? 0;
}
