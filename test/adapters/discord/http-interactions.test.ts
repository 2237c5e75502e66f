import { ChannelType } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startDiscord, type RunningDiscord } from '../../../adapters/discord/index.js';
import type { CoreServices } from '../../../src/chat/adapter.js';
import { systemClock } from '../../../src/clock.js';
import { createHttpServer, type HttpServer } from '../../../src/http/server.js';
import { silentLogger } from '../../../src/log.js';
import type { Stores } from '../../../src/store/types.js';
import type { DigestService } from '../../../src/digest/types.js';
import { FakeDiscord } from '../../support/fake-discord.js';
import { GUILD } from './helpers.js';
import { APP_ID, MEMBER, papersInteraction, recordingHandler, signed, testKeys } from './interaction-fixtures.js';

const keys = testKeys();
let fake: FakeDiscord;
let http: HttpServer;
let url: string;
let commands: ReturnType<typeof recordingHandler>;
let running: RunningDiscord;

async function start(delayMs = 0, deferAfterMs = 2000): Promise<void> {
  commands = recordingHandler(delayMs);
  const core: CoreServices = {
    commands,
    // The adapter never touches these; the digest and stores are the core's business.
    stores: {} as Stores,
    digest: () => ({}) as DigestService,
    clock: systemClock,
    logger: silentLogger(),
    http,
  };
  running = await startDiscord({ token: fake.token, applicationId: APP_ID, publicKey: keys.publicHex, apiUrl: fake.api, deferAfterMs }, core);
  url = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}/discord/interactions`;
}

async function post(payload: unknown, headers?: Record<string, string>): Promise<{ status: number; json: Record<string, unknown> }> {
  const body = JSON.stringify(payload);
  const res = await fetch(url, { method: 'POST', body, headers: headers ?? signed(keys.privateKey, body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

beforeEach(async () => {
  fake = await new FakeDiscord().start();
  http = createHttpServer(silentLogger());
});
afterEach(async () => {
  await running?.stop();
  await http.close();
  await fake.stop();
});

describe('signature', () => {
  beforeEach(() => start());

  it('answers a signed PING with PONG', async () => {
    expect(await post({ id: '1', application_id: APP_ID, type: 1, token: 't', version: 1 })).toEqual({ status: 200, json: { type: 1 } });
  });

  it.each([
    ['a bad signature', (body: string) => ({ ...signed(keys.privateKey, body), 'x-signature-ed25519': 'ab'.repeat(64) })],
    ['a signature by another key', (body: string) => signed(testKeys().privateKey, body)],
    ['no signature headers', () => ({ 'content-type': 'application/json' })],
    ['no timestamp', (body: string) => ({ 'x-signature-ed25519': signed(keys.privateKey, body)['x-signature-ed25519'] ?? '' })],
    ['a timestamp from an hour ago', (body: string) => signed(keys.privateKey, body, String(Math.floor(Date.now() / 1000) - 3600))],
    ['a body changed after signing', () => signed(keys.privateKey, JSON.stringify({ type: 1 }))],
  ])('refuses %s with 401 and runs nothing', async (_name, headersFor) => {
    const payload = papersInteraction('list');
    const res = await post(payload, headersFor(JSON.stringify(payload)));
    expect(res.status).toBe(401);
    expect(commands.calls).toHaveLength(0);
  });
});

describe('commands', () => {
  it('maps a slash command to the core command text and context, and answers in place', async () => {
    await start();
    const res = await post(papersInteraction('subscribe', { options: { rule: 'pruning -survey' } }));
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ type: 4, data: { content: 'ok: subscribe pruning \\-survey', flags: 64, allowed_mentions: { parse: [] } } });
    expect(commands.calls).toEqual([
      {
        text: 'subscribe pruning -survey',
        ctx: {
          channel: { platform: 'discord', workspaceId: GUILD, channelId: '600000000000000001' },
          userId: '700000000000000001',
          userName: 'Ada',
          canManage: true,
          threadId: null,
        },
      },
    ]);
  });

  it('passes schedule time and timezone in order', async () => {
    await start();
    await post(papersInteraction('schedule', { options: { timezone: 'Europe/Berlin', time: '09:30' } }));
    expect(commands.calls[0]?.text).toBe('schedule 09:30 Europe/Berlin');
  });

  it('refuses a managing subcommand to a member without Manage Channels, though Discord let them run it', async () => {
    await start();
    const res = await post(papersInteraction('subscribe', { options: { rule: 'pruning' }, permissions: MEMBER }));
    expect(res.json).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(String((res.json.data as Record<string, unknown>).content)).toContain('Manage Channels');
    expect(commands.calls).toHaveLength(0);
  });

  it('lets anyone run reading subcommands, telling the core they cannot manage', async () => {
    await start();
    await post(papersInteraction('list', { permissions: MEMBER }));
    expect(commands.calls.map((c) => [c.text, c.ctx.canManage])).toEqual([['list', false]]);
  });

  it('lets anyone read the schedule, but only managers change it', async () => {
    await start();
    await post(papersInteraction('schedule', { permissions: MEMBER }));
    const refused = await post(papersInteraction('schedule', { options: { time: '09:30' }, permissions: MEMBER }));
    expect(commands.calls.map((c) => c.text)).toEqual(['schedule']);
    expect(String((refused.json.data as Record<string, unknown>).content)).toContain('Manage Channels');
  });

  it('inside a forum post, manages the forum and knows the thread', async () => {
    await start();
    const post1 = { id: '610000000000000002', type: ChannelType.PublicThread, parent_id: '610000000000000001' };
    await post(papersInteraction('subscribe', { options: { rule: 'diffusion' }, channel: post1 }));
    await post(papersInteraction('why', { channel: post1 }));
    await post(papersInteraction('why', { channel: post1, options: { paper: '2599.00007' } }));
    expect(commands.calls.map((c) => [c.text, c.ctx.channel.channelId, c.ctx.threadId])).toEqual([
      ['subscribe diffusion', '610000000000000001', '610000000000000002'],
      ['why', '610000000000000001', '610000000000000002'],
      ['why 2599.00007', '610000000000000001', '610000000000000002'],
    ]);
  });

  it('acts on the channel option with the permissions Discord computed there', async () => {
    await start();
    const forum = '620000000000000001';
    await post(
      papersInteraction('pause', {
        options: { channel: forum },
        resolved: { channels: { [forum]: { id: forum, type: ChannelType.GuildForum, permissions: MEMBER } } },
      }),
    );
    expect(commands.calls).toHaveLength(0);
    await post(
      papersInteraction('list', {
        options: { channel: forum },
        permissions: MEMBER,
        // Manage Channels and View Channel there (16 | 1024).
        resolved: { channels: { [forum]: { id: forum, type: ChannelType.GuildForum, permissions: '1040' } } },
      }),
    );
    expect(commands.calls.map((c) => [c.ctx.channel.channelId, c.ctx.canManage])).toEqual([[forum, true]]);
  });

  it('declines direct messages', async () => {
    await start();
    const res = await post(papersInteraction('list', { guild: false }));
    expect(String((res.json.data as Record<string, unknown>).content)).toContain('server channel');
    expect(commands.calls).toHaveLength(0);
  });
});

describe('deferred replies', () => {
  it('defers digest at once (ephemeral) and completes it with a follow-up', async () => {
    await start();
    const i = papersInteraction('digest');
    const res = await post(i);
    expect(res.json).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await vi.waitUntil(() => fake.callsTo('PATCH', `/webhooks/${APP_ID}/${String(i.token)}/messages/@original`)[0], { timeout: 3000 });
    expect(edit.body).toMatchObject({ content: 'ok: digest', allowed_mentions: { parse: [] } });
    expect(edit.auth).toBeNull();
  });

  it('defers a normally fast command that runs late', async () => {
    await start(300, 50);
    const i = papersInteraction('list');
    const started = Date.now();
    const res = await post(i);
    expect(Date.now() - started).toBeLessThan(300);
    expect(res.json).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await vi.waitUntil(() => fake.callsTo('PATCH', `/webhooks/${APP_ID}/${String(i.token)}/messages/@original`)[0], { timeout: 3000 });
    expect(edit.body?.content).toBe('ok: list');
  });
});
