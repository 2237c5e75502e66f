import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStores, StoreSchemaError } from '../../src/store/sqlite/index.js';
import { migrate, schemaVersion } from '../../src/store/sqlite/migrate.js';
import { MIGRATIONS, type Migration } from '../../src/store/sqlite/migrations/index.js';
import { openDatabase } from '../../src/store/sqlite/open.js';
import { digestPlan, NOW, SLACK, tempDir } from './helpers.js';

const LATEST = MIGRATIONS.length;

function tables(db: Database.Database): string[] {
  return db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
}

describe('SQLite migrations', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  it('the list is numbered 1..n without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(Array.from({ length: LATEST }, (_, i) => i + 1));
    expect(LATEST).toBeGreaterThanOrEqual(2);
  });

  it('a fresh database gets every table and records every version', () => {
    const db = openDatabase(':memory:');
    expect(migrate(db, MIGRATIONS)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(tables(db)).toEqual([
      'channel_settings',
      'channels',
      'deliveries',
      'feedback_events',
      'papers',
      'rules',
      'schema_migrations',
      'source_state',
      'threads',
    ]);
    expect(schemaVersion(db)).toBe(LATEST);
    expect(db.prepare('SELECT name FROM schema_migrations ORDER BY version').pluck().all()).toEqual(MIGRATIONS.map((m) => m.name));
    db.close();
  });

  it('re-opening applies nothing', async () => {
    const file = tmp.file();
    await openSqliteStores(file).close();
    const db = openDatabase(file);
    expect(migrate(db, MIGRATIONS)).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(LATEST);
    db.close();
  });

  it('an old database (version 1 only) is brought forward without losing its rows', async () => {
    const file = tmp.file();
    const old = openDatabase(file);
    migrate(old, MIGRATIONS.slice(0, 1));
    expect(schemaVersion(old)).toBe(1);
    expect(tables(old)).not.toContain('deliveries');
    // Rows as version 1 wrote them, straight in SQL.
    old
      .prepare(`INSERT INTO channels (id, platform, workspace_id, channel_id, schedule_time, timezone, paused, paused_reason, last_digest_at, created_at)
                 VALUES (7, 'slack', 'T0FIXTURE', 'C0FIXTURE', '07:30', 'Europe/Berlin', 0, NULL, '2026-03-09T07:30:00.000Z', '2026-03-01T00:00:00.000Z')`)
      .run();
    old
      .prepare(
        "INSERT INTO rules (channel_id, text, added_by, added_at) VALUES (7, 'pruning', 'U1', '2026-03-01T00:00:00.000Z'), (7, 'distillation', 'U2', '2026-03-02T00:00:00.000Z')",
      )
      .run();
    old.close();

    const stores = openSqliteStores(file);
    try {
      expect(await stores.channels.find(SLACK)).toEqual({
        ...SLACK,
        id: 7,
        scheduleTime: '07:30',
        timezone: 'Europe/Berlin',
        paused: false,
        pausedReason: null,
        lastDigestAt: '2026-03-09T07:30:00.000Z',
        createdAt: '2026-03-01T00:00:00.000Z',
      });
      expect((await stores.rules.list(7)).map((r) => [r.text, r.addedBy])).toEqual([
        ['pruning', 'U1'],
        ['distillation', 'U2'],
      ]);
      // The tables the later versions added work with the old rows.
      expect(await stores.deliveries.planDigest(digestPlan(7, 'd1', ['2599.00001']))).toBe(2);
      expect(await stores.papers.count()).toBe(0);
    } finally {
      await stores.close();
    }
    const db = new Database(file, { readonly: true });
    expect(schemaVersion(db)).toBe(LATEST);
    db.close();
  });

  it('a failing migration rolls back whole and is not recorded', () => {
    const db = openDatabase(':memory:');
    const broken: Migration = { version: LATEST + 1, name: 'broken', sql: 'CREATE TABLE half_made (id INTEGER); INSERT INTO no_such_table VALUES (1);' };
    expect(() => migrate(db, [...MIGRATIONS, broken])).toThrow(/migration \d+ \(broken\) failed: no such table/);
    expect(schemaVersion(db)).toBe(LATEST);
    expect(tables(db)).not.toContain('half_made');
    db.close();
  });

  it('refuses a database written by a newer Paperboy', () => {
    const db = openDatabase(':memory:');
    migrate(db, MIGRATIONS);
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'from the future', ?)").run(LATEST + 1, NOW);
    expect(() => migrate(db, MIGRATIONS)).toThrow(StoreSchemaError);
    expect(() => migrate(db, MIGRATIONS)).toThrow(new RegExp(`schema version ${LATEST + 1}, newer than this Paperboy knows \\(${LATEST}\\)`));
    db.close();
  });

  it('refuses a migration list out of order', () => {
    const db = openDatabase(':memory:');
    expect(() => migrate(db, [MIGRATIONS[1] as Migration])).toThrow(/out of order/);
    db.close();
  });
});
