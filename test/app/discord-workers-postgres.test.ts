import { PassThrough } from 'node:stream';
import { ChannelType } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../app/core.js';
import { runApp, type RunningApp } from '../../app/run.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { openPostgresCoordination } from '../../src/store/postgres/coordination.js';
import { APP_ID, MANAGER, papersInteraction, signed, testKeys } from '../adapters/discord/interaction-fixtures.js';
import { DiscordGateway } from '../support/discord-gateway.js';
import { FakeDiscord } from '../support/fake-discord.js';
import { FakeSource } from '../support/fake-source.js';
import { adminQuery, dropSchema, PG_URL, requirePgUrl, schemaUrl, uniqueSchemaName } from '../support/postgres.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

/** Discord with several workers on one PostgreSQL database (issue #12, "Discord with many guilds"). */
describe.skipIf(!PG_URL)('postgres: Discord with several workers', () => {
  let schema = '';
  let fake: FakeDiscord;
  let gateway: DiscordGateway | null = null;
  let proxy: TcpProxy | null = null;
  const apps: RunningApp[] = [];
  beforeEach(async () => {
    schema = uniqueSchemaName('discord_workers');
    await adminQuery(`CREATE SCHEMA ${schema}`);
    fake = await new FakeDiscord().start();
  });
  afterEach(async () => {
    for (const a of apps.splice(0)) await a.stop();
    await gateway?.close();
    gateway = null;
    await proxy?.close();
    proxy = null;
    await fake.stop();
    await dropSchema(schema);
  });

  /** One worker in this process; `dbUrl` carries its coordination (its worker lock and the gateway lock). */
  async function worker(env: Record<string, string>, dbUrl = schemaUrl(schema)): Promise<RunningApp> {
    const config = loadConfig({
      DATABASE_URL: schemaUrl(schema),
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_API_URL: fake.api,
      ...env,
    });
    const coordination = await openPostgresCoordination(dbUrl, { schema, leadEveryMs: 50, reconnectMs: 50 });
    const core = await createCore({ config, logger: silentLogger(), sources: [new FakeSource('hf')], coordination });
    const app = await runApp(core, { stdin: new PassThrough(), stdout: new PassThrough(), schedule: false });
    apps.push(app);
    return app;
  }

  it('gateway mode: one worker holds the gateway, with every shard Discord recommends; when it is cut off another takes it', async () => {
    gateway = await DiscordGateway.start({ botUser: { id: APP_ID, username: 'paperboy' }, applicationId: APP_ID });
    fake.gatewayUrl = gateway.url;
    fake.gatewayShards = 2;
    const target = new URL(requirePgUrl());
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    const viaProxy = new URL(schemaUrl(schema));
    viaProxy.host = `127.0.0.1:${proxy.port}`;

    await worker({}, viaProxy.toString());
    await expect.poll(() => gateway?.identified.length, { timeout: 10_000 }).toBe(2);
    await worker({});
    // The second worker is up and posting, but does not connect while the first holds the gateway.
    await new Promise((r) => setTimeout(r, 300));
    expect(gateway.identified.map((i) => i.shard)).toEqual([
      [0, 2],
      [1, 2],
    ]);

    // The first worker loses its database: it closes its gateway, and the second connects every shard.
    proxy.cut();
    await expect.poll(() => gateway?.identified.length, { timeout: 10_000 }).toBe(4);
    expect(
      gateway.identified
        .slice(2)
        .map((i) => i.shard)
        .sort(),
    ).toEqual([
      [0, 2],
      [1, 2],
    ]);
    await expect.poll(() => gateway?.connections, { timeout: 10_000 }).toBe(2);
  }, 40_000);

  it('HTTP interactions are stateless: a rule added through one worker is listed through another', async () => {
    const keys = testKeys();
    const env = { PORT: '0', DISCORD_PUBLIC_KEY: keys.publicHex };
    const [a, b] = [await worker(env), await worker(env)];
    const ch = fake.addChannel({ type: ChannelType.GuildText });
    const here = { id: ch.id, type: ChannelType.GuildText };
    const post = async (app: RunningApp, payload: Record<string, unknown>) => {
      const body = JSON.stringify(payload);
      const res = await fetch(`http://127.0.0.1:${app.httpPort}/discord/interactions`, { method: 'POST', body, headers: signed(keys.privateKey, body) });
      return (await res.json()) as { data?: { content?: string } };
    };
    expect((await post(a, papersInteraction('subscribe', { options: { rule: 'pruning' }, channel: here, permissions: MANAGER }))).data?.content).toContain(
      'pruning',
    );
    expect((await post(b, papersInteraction('list', { channel: here }))).data?.content).toContain('pruning');
  });
});
