import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../app/core.js';
import { runApp, type RunningApp } from '../../app/run.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { FakeSource } from '../support/fake-source.js';
import { makePaper } from '../support/papers.js';
import { adminQuery, dropSchema, PG_URL, requirePgUrl, schemaUrl, uniqueSchemaName } from '../support/postgres.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

describe.skipIf(!PG_URL)('postgres: /healthz on DATABASE_URL', () => {
  let app: RunningApp | null = null;
  let proxy: TcpProxy | null = null;
  const schema = uniqueSchemaName('healthz');
  afterEach(async () => {
    await app?.stop();
    app = null;
    await proxy?.close();
    await dropSchema(schema);
  });

  it('reports the database up, then down (503) while PostgreSQL is unreachable, then up again', async () => {
    await adminQuery(`CREATE SCHEMA ${schema}`);
    const target = new URL(requirePgUrl());
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    const url = new URL(schemaUrl(schema));
    url.host = `127.0.0.1:${proxy.port}`;
    const config = loadConfig({ DATABASE_URL: url.toString(), PORT: '0' });
    expect(config.database).toEqual({ engine: 'postgres', url: url.toString() });
    const source = new FakeSource('hf');
    source.set(new Date().toISOString().slice(0, 10), [makePaper({ title: 'Pruning' })]);
    const core = await createCore({ config, logger: silentLogger(), sources: [source] });
    app = await runApp(core, { stdin: new PassThrough(), stdout: new PassThrough(), schedule: false });
    const healthz = async () => {
      const res = await fetch(`http://127.0.0.1:${app?.httpPort}/healthz`);
      return { status: res.status, body: (await res.json()) as { status: string; database: boolean; sources: { source: string }[] } };
    };

    const up = await healthz();
    expect(up).toMatchObject({ status: 200, body: { status: 'ok', database: true } });
    expect(up.body.sources.map((s) => s.source)).toContain('hf');

    proxy.cut();
    expect(await healthz()).toEqual({ status: 503, body: { status: 'error', database: false, sources: [] } });

    proxy.resume();
    expect(await healthz()).toMatchObject({ status: 200, body: { database: true } });
  });
});
