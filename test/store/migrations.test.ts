import { expect, it } from 'vitest';
import { StoreSchemaError } from '../../src/store/errors.js';
import type { Migration } from '../../src/store/migration.js';
import { describeEngines } from './engines.js';
import { digestPlan, NOW, SLACK } from './helpers.js';

describeEngines('migrations', (t) => {
  it('the list is numbered 1..n without gaps', async () => {
    const { migrations } = await t.blank();
    expect(migrations.map((m) => m.version)).toEqual(Array.from({ length: migrations.length }, (_, i) => i + 1));
    expect(migrations.length).toBeGreaterThanOrEqual(2);
  });

  it('a fresh database gets every table and records every version', async () => {
    const db = await t.blank();
    expect(await db.migrate(db.migrations)).toEqual(db.migrations.map((m) => m.version));
    expect(await db.tables()).toEqual([
      'channel_claims',
      'channel_settings',
      'channels',
      'deliveries',
      'feedback_events',
      'installation_teams',
      'installations',
      'papers',
      'rules',
      'saved_papers',
      'schema_migrations',
      'source_state',
      'threads',
      'token_failures',
    ]);
    expect(await db.schemaVersion()).toBe(db.migrations.length);
    expect((await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY version')).map((r) => r.name)).toEqual(
      db.migrations.map((m) => m.name),
    );
  });

  it('re-opening applies nothing', async () => {
    const db = await t.blank();
    await (await db.open()).close();
    expect(await db.migrate(db.migrations)).toEqual([]);
    expect(await db.query('SELECT version FROM schema_migrations')).toHaveLength(db.migrations.length);
  });

  it('an old database (version 1 only) is brought forward without losing its rows', async () => {
    const db = await t.blank();
    await db.migrate(db.migrations.slice(0, 1));
    expect(await db.schemaVersion()).toBe(1);
    expect(await db.tables()).not.toContain('deliveries');
    // Rows as version 1 wrote them, straight in SQL.
    await db.query(`INSERT INTO channels (id, platform, workspace_id, channel_id, schedule_time, timezone, paused, paused_reason, last_digest_at, created_at)
                    VALUES (7, 'slack', 'T0FIXTURE', 'C0FIXTURE', '07:30', 'Europe/Berlin', FALSE, NULL, '2026-03-09T07:30:00.000Z', '2026-03-01T00:00:00.000Z')`);
    await db.query(
      "INSERT INTO rules (channel_id, text, added_by, added_at) VALUES (7, 'pruning', 'U1', '2026-03-01T00:00:00.000Z'), (7, 'distillation', 'U2', '2026-03-02T00:00:00.000Z')",
    );

    const stores = await db.open();
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
    expect(await db.schemaVersion()).toBe(db.migrations.length);
  });

  it('a failing migration rolls back whole and is not recorded', async () => {
    const db = await t.blank();
    const latest = db.migrations.length;
    const broken: Migration = { version: latest + 1, name: 'broken', sql: 'CREATE TABLE half_made (id INTEGER); INSERT INTO no_such_table VALUES (1);' };
    await expect(db.migrate([...db.migrations, broken])).rejects.toThrow(
      /migration \d+ \(broken\) failed: (no such table|relation "no_such_table" does not exist)/,
    );
    expect(await db.schemaVersion()).toBe(latest);
    expect(await db.tables()).not.toContain('half_made');
  });

  it('refuses a database written by a newer Paperboy', async () => {
    const db = await t.blank();
    const latest = db.migrations.length;
    await db.migrate(db.migrations);
    await db.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'from the future', ?)", [latest + 1, NOW]);
    await expect(db.migrate(db.migrations)).rejects.toThrow(StoreSchemaError);
    await expect(db.migrate(db.migrations)).rejects.toThrow(new RegExp(`schema version ${latest + 1}, newer than this Paperboy knows \\(${latest}\\)`));
    await expect(db.open()).rejects.toThrow(StoreSchemaError);
  });

  it('refuses a migration list out of order', async () => {
    const db = await t.blank();
    await expect(db.migrate([db.migrations[1] as Migration])).rejects.toThrow(/out of order/);
  });
});
