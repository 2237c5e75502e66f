import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/log.js';
import { StoreSchemaError, StoreUnavailableError } from '../../../src/store/errors.js';
import { openPostgresStores, redactDatabaseUrl } from '../../../src/store/postgres/index.js';
import type { Stores } from '../../../src/store/types.js';
import { dropSchema, PG_URL, requirePgUrl, schemaUrl, uniqueSchemaName } from '../../support/postgres.js';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy.js';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The test server's URL with another host:port and a password, for messages that must not show it. */
function withPassword(port: number, password: string, schema?: string): string {
  const u = new URL(schema ? schemaUrl(schema) : requirePgUrl());
  u.host = `127.0.0.1:${port}`;
  u.password = password;
  return u.toString();
}

describe('redactDatabaseUrl', () => {
  it('replaces the password, keeps the rest, and gives nothing away for what it cannot parse', () => {
    expect(redactDatabaseUrl('postgres://paperboy:s3cr%40t@db.internal:5432/paperboy?sslmode=require')).toBe(
      'postgres://paperboy:***@db.internal:5432/paperboy?sslmode=require',
    );
    expect(redactDatabaseUrl('postgres://db/paperboy')).toBe('postgres://db/paperboy');
    expect(redactDatabaseUrl('postgres://u:pw@[bad')).toBe('(unparseable database URL)');
  });
});

describe.skipIf(!PG_URL)('postgres: connection and schema', () => {
  const schemas: string[] = [];
  const opened: Stores[] = [];
  let proxy: TcpProxy | null = null;
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
    await proxy?.close();
    proxy = null;
    for (const s of schemas.splice(0)) await dropSchema(s);
  });
  const fresh = (label: string) => {
    const name = uniqueSchemaName(label);
    schemas.push(name);
    return name;
  };

  it('every text column compares bytewise (COLLATE "C"), as SQLite does, whatever the database locale', async () => {
    const schema = fresh('collation');
    const stores = await openPostgresStores(schemaUrl(schema), { schema });
    opened.push(stores);
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: requirePgUrl() });
    await client.connect();
    try {
      const loose = await client.query(
        `SELECT table_name, column_name, collation_name FROM information_schema.columns
         WHERE table_schema = $1 AND data_type = 'text' AND table_name <> 'schema_migrations' AND collation_name IS DISTINCT FROM 'C'`,
        [schema],
      );
      expect(loose.rows).toEqual([]);
      const texts = await client.query(`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_schema = $1 AND data_type = 'text'`, [schema]);
      expect(texts.rows[0].n).toBeGreaterThan(40);
    } finally {
      await client.end();
    }
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(openPostgresStores(requirePgUrl(), { schema: 'x; DROP TABLE papers' })).rejects.toThrow(/lower-case letters, digits and _/);
  });

  it('a search_path naming no existing schema is refused with what to do', async () => {
    const missing = uniqueSchemaName('missing');
    await expect(openPostgresStores(schemaUrl(missing))).rejects.toThrow(StoreSchemaError);
    await expect(openPostgresStores(schemaUrl(missing))).rejects.toThrow(/search_path names no existing schema/);
  });

  it('an unreachable server: StoreUnavailableError naming the database, never its password', async () => {
    const url = withPassword(await closedPort(), 'hunter2-s3cret');
    const err = await openPostgresStores(url).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreUnavailableError);
    const message = (err as Error).message;
    expect(message).toContain('cannot open the PostgreSQL database at postgres://postgres:***@127.0.0.1:');
    expect(message).toMatch(/ECONNREFUSED/);
    expect(message).not.toContain('hunter2');
  });

  it('ping fails while the server is away, the dropped connections are logged not thrown, and work resumes when it is back', async () => {
    const schema = fresh('ping');
    const target = new URL(requirePgUrl());
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    const out = new PassThrough();
    const lines: string[] = [];
    out.on('data', (c: Buffer) => lines.push(c.toString()));
    const stores = await openPostgresStores(withPassword(proxy.port, 'hunter2-s3cret', schema), { schema, logger: createLogger('warn', out) });
    opened.push(stores);
    // Two connections, both idle in the pool afterwards.
    expect(await Promise.all([stores.ping(), stores.channels.list()])).toEqual([true, []]);

    proxy.cut();
    // The idle connections the cut killed are reported on the pool, and the process is still here to say so.
    for (let i = 0; i < 100 && !lines.join('').includes('an idle PostgreSQL connection failed'); i++) await new Promise((r) => setTimeout(r, 20));
    expect(lines.join('')).toContain('an idle PostgreSQL connection failed');
    expect(lines.join('')).not.toContain('hunter2');
    await expect(stores.ping()).rejects.toThrow();

    proxy.resume();
    expect(await stores.ping()).toBe(true);
    expect(await stores.channels.ensure({ platform: 'slack', workspaceId: 'T1', channelId: 'C1' }, '2026-03-10T08:00:00.000Z')).toMatchObject({ id: 1 });
  });
});
