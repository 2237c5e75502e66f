import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';
import { openPostgresStores } from '../../src/store/postgres/index.js';
import { createPool } from '../../src/store/postgres/pool.js';
import { openSqliteStores } from '../../src/store/sqlite/index.js';
import { openDatabase } from '../../src/store/sqlite/open.js';
import type { Migration } from '../../src/store/migration.js';
import { migrate as migratePostgres } from '../../src/store/postgres/migrate.js';
import { MIGRATIONS as POSTGRES_MIGRATIONS } from '../../src/store/postgres/migrations/index.js';
import { migrate as migrateSqlite } from '../../src/store/sqlite/migrate.js';
import { MIGRATIONS as SQLITE_MIGRATIONS } from '../../src/store/sqlite/migrations/index.js';
import type { Stores } from '../../src/store/types.js';
import { dropSchema, PG_URL, schemaUrl, uniqueSchemaName } from '../support/postgres.js';

/*
 * The store contract suite runs every test on each engine: SQLite always,
 * PostgreSQL when PAPERBOY_TEST_DATABASE_URL names a server. On PostgreSQL
 * each describe block works in its own schema (a unique name, dropped at the
 * end), so suites of several checkouts can share one server.
 */

export type EngineName = 'sqlite' | 'postgres';

export interface TestDatabase {
  readonly engine: EngineName;
  /** Where another process finds it: the SQLite file, or a PostgreSQL URL whose search_path is the schema. */
  readonly location: string;
  /** Stores through a new handle (SQLite: a connection; PostgreSQL: a pool of up to `maxConnections`), as another process would open them. */
  open(opts?: { maxConnections?: number }): Promise<Stores>;
  /** SQL written around the stores, `?` placeholders on both engines; the rows it returns, if any. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** This engine's migrations list. */
  readonly migrations: readonly Migration[];
  /** Run this engine's migrate() with `list` (a prefix of `migrations`, say); the versions it applied. */
  migrate(list: readonly Migration[]): Promise<number[]>;
  /** The highest version recorded, 0 before any migration. */
  schemaVersion(): Promise<number>;
  /** Table names, sorted. */
  tables(): Promise<string[]>;
}

interface Backend extends TestDatabase {
  /** Empty every table, keeping the schema. */
  clear(): Promise<void>;
  destroy(): Promise<void>;
}

export interface EngineSuite {
  readonly engine: EngineName;
  /** This test's database: migrated and empty when the test starts. */
  db(): TestDatabase;
  /** Stores on this test's database, closed after the test. */
  open(opts?: { maxConnections?: number }): Promise<Stores>;
  /** A database never migrated (its own file or schema), removed after the test. */
  blank(): Promise<TestDatabase>;
}

/** Stores on a database another process made (the location from TestDatabase). */
export function openAt(engine: EngineName, location: string): Promise<Stores> {
  return engine === 'sqlite' ? Promise.resolve(openSqliteStores(location)) : openPostgresStores(location);
}

function sqliteBackend(file: string): Backend {
  let raw: Database.Database | null = null;
  const conn = () => {
    raw ??= openDatabase(file);
    return raw;
  };
  return {
    engine: 'sqlite',
    location: file,
    open: async () => openSqliteStores(file),
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const stmt = conn().prepare(sql);
      if (stmt.reader) return stmt.all(...params) as T[];
      stmt.run(...params);
      return [];
    },
    migrations: SQLITE_MIGRATIONS,
    async migrate(list) {
      return migrateSqlite(conn(), list);
    },
    async schemaVersion() {
      return schemaVersionOf(this);
    },
    async tables() {
      return (await this.query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).map((r) => r.name);
    },
    async clear() {
      throw new Error('a SQLite test database is a new file per test');
    },
    async destroy() {
      raw?.close();
    },
  };
}

async function schemaVersionOf(db: TestDatabase): Promise<number> {
  if (!(await db.tables()).includes('schema_migrations')) return 0;
  const [row] = await db.query<{ v: number }>('SELECT coalesce(max(version), 0) AS v FROM schema_migrations');
  return row?.v ?? 0;
}

/** `?` placeholders as PostgreSQL's $1, $2 … (test SQL only: no `?` inside its literals). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function postgresBackend(schema: string): Backend {
  const location = schemaUrl(schema);
  let admin: pg.Pool | null = null;
  const pool = () => {
    admin ??= createPool(location, { maxConnections: 2 });
    return admin;
  };
  return {
    engine: 'postgres',
    location,
    open: (opts = {}) => openPostgresStores(location, { schema, ...opts }),
    async query<T>(sql: string, params: readonly unknown[] = []) {
      return (await pool().query(numbered(sql), [...params])).rows as T[];
    },
    migrations: POSTGRES_MIGRATIONS,
    async migrate(list) {
      return migratePostgres(pool(), list, { schema });
    },
    async schemaVersion() {
      return schemaVersionOf(this);
    },
    async tables() {
      return (await this.query<{ name: string }>('SELECT tablename AS name FROM pg_tables WHERE schemaname = ? ORDER BY tablename', [schema])).map(
        (r) => r.name,
      );
    },
    async clear() {
      const tables = await this.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = ? AND tablename <> 'schema_migrations'", [
        schema,
      ]);
      if (!tables.length) return;
      // Foreign keys off for this one statement's session, so the order of the deletes does not matter (test server: superuser).
      const client = await pool().connect();
      try {
        await client.query(`SET session_replication_role = replica; ${tables.map((t) => `DELETE FROM ${t.name};`).join(' ')} RESET session_replication_role;`);
      } finally {
        client.release();
      }
    },
    async destroy() {
      await admin?.end();
      await dropSchema(schema);
    },
  };
}

/**
 * Register `body` once per engine, as "<engine>: <title>". The body's hooks
 * run after the suite's own, so `t.db()` is ready in its beforeEach.
 */
export function describeEngines(title: string, body: (t: EngineSuite) => void): void {
  for (const engine of ['sqlite', 'postgres'] as const) {
    const available = engine === 'sqlite' || PG_URL !== undefined;
    (available ? describe : describe.skip)(`${engine}: ${title}`, () => {
      let dir = '';
      let schema = '';
      let serial = 0;
      let current: Backend | null = null;
      let pgShared: Backend | null = null;
      const extra: Backend[] = [];
      const opened: Stores[] = [];

      const blankBackend = async (label: string): Promise<Backend> => {
        serial += 1;
        return engine === 'sqlite' ? sqliteBackend(join(dir, `${label}-${serial}.db`)) : postgresBackend(uniqueSchemaName(`${title}_${label}`));
      };

      beforeAll(async () => {
        if (engine === 'sqlite') {
          dir = mkdtempSync(join(tmpdir(), 'paperboy-store-'));
          return;
        }
        schema = uniqueSchemaName(title);
        pgShared = postgresBackend(schema);
        await (await pgShared.open()).close();
      });
      afterAll(async () => {
        if (dir) rmSync(dir, { recursive: true, force: true });
        await pgShared?.destroy();
      });
      beforeEach(async () => {
        if (engine === 'sqlite') {
          current = await blankBackend('test');
        } else {
          current = pgShared;
          await current?.clear();
        }
      });
      afterEach(async () => {
        await Promise.all(opened.splice(0).map((s) => s.close()));
        await Promise.all(extra.splice(0).map((b) => b.destroy()));
        if (engine === 'sqlite') await current?.destroy();
        current = null;
      });

      const suite: EngineSuite = {
        engine,
        db() {
          if (!current) throw new Error('db() is for use inside a test or its hooks');
          return current;
        },
        async open(opts) {
          const stores = await suite.db().open(opts);
          opened.push(stores);
          return stores;
        },
        async blank() {
          const b = await blankBackend('blank');
          extra.push(b);
          return b;
        },
      };
      body(suite);
    });
  }
}
