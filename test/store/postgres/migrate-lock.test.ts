import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../src/store/postgres/migrate.js';
import { MIGRATIONS } from '../../../src/store/postgres/migrations/index.js';
import { createPool, type Pool } from '../../../src/store/postgres/pool.js';
import { dropSchema, PG_URL, schemaUrl, uniqueSchemaName } from '../../support/postgres.js';

const CHILD = join(import.meta.dirname, 'migrate-child.ts');

function runChild(url: string, schema: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, url, schema], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    proc.stdout.on('data', (c: Buffer) => (out += c.toString()));
    proc.stderr.on('data', (c: Buffer) => (out += c.toString()));
    proc.on('exit', (code) => resolve({ code, out }));
  });
}

describe.skipIf(!PG_URL)('postgres: migrations under the advisory lock', () => {
  let schema = '';
  const pools: Pool[] = [];
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.end()));
    await dropSchema(schema);
  });

  it('six pools migrating one fresh schema at once: each version applied once, by exactly one of them', async () => {
    schema = uniqueSchemaName('migrate_pools');
    for (let i = 0; i < 6; i++) pools.push(createPool(schemaUrl(schema), { schema }));
    const applied = await Promise.all(pools.map((p) => migrate(p, MIGRATIONS, { schema })));
    expect(applied.flat().sort((a, b) => a - b)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(applied.filter((a) => a.length > 0)).toHaveLength(1);
    const recorded = await pools[0]!.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(recorded.rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('three processes starting on one fresh schema at once all come up on the full schema', async () => {
    schema = uniqueSchemaName('migrate_procs');
    const url = schemaUrl(schema);
    const runs = await Promise.all([0, 1, 2].map(() => runChild(url, schema)));
    for (const r of runs) expect(r).toMatchObject({ code: 0 });
    // Each child prints the versions it applied: together, every version once.
    const applied = runs.flatMap((r) => JSON.parse(r.out.trim().split('\n').pop() ?? '[]') as number[]);
    expect(applied.sort((a, b) => a - b)).toEqual(MIGRATIONS.map((m) => m.version));
    const pool = createPool(url);
    pools.push(pool);
    expect((await pool.query('SELECT version FROM schema_migrations')).rowCount).toBe(MIGRATIONS.length);
  }, 30_000);

  it('separate schemas do not wait for each other: a held lock on one leaves another free', async () => {
    schema = uniqueSchemaName('migrate_held');
    const other = uniqueSchemaName('migrate_free');
    const holder = createPool(schemaUrl(schema), { schema });
    const free = createPool(schemaUrl(other), { schema: other });
    pools.push(holder, free);
    const client = await holder.connect();
    try {
      const { migrationLock } = await import('../../../src/store/postgres/locks.js');
      await client.query('SELECT pg_advisory_lock($1, $2)', migrationLock(schema));
      expect(await migrate(free, MIGRATIONS, { schema: other })).toEqual(MIGRATIONS.map((m) => m.version));
      await client.query('SELECT pg_advisory_unlock($1, $2)', migrationLock(schema));
    } finally {
      client.release();
      await dropSchema(other);
    }
  });
});
