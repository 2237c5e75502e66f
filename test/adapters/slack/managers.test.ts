import { afterEach, describe, expect, it } from 'vitest';
import { startSlack, type SlackManagers } from '../../../adapters/slack/index.js';
import { ManagerCache } from '../../../adapters/slack/managers.js';
import type { RunningAdapter } from '../../../src/chat/adapter.js';
import { fixedClock } from '../../../src/clock.js';
import { createCommandHandler } from '../../../src/commands/handler.js';
import { createRuleEngine } from '../../../src/rules/rule-engine.js';
import { openSqliteStores } from '../../../src/store/sqlite/index.js';
import type { Stores } from '../../../src/store/types.js';
import { FakeSlack } from '../../support/fake-slack.js';
import { TestRoutes } from '../../support/http-routes.js';
import { SECRET, testCore } from './helpers.js';
import { recentDeps } from '../../support/recent.js';
import { eventCallback, postToSlackEvents, slashCommand } from './signed.js';

/*
 * Issue #11, point 2: who may change a Slack channel's rules. SLACK_MANAGERS
 * is everyone, members (default: anyone but guests, from users.info) or
 * admins (workspace admins and owners); reading stays open to everyone.
 */
const clock = fixedClock('2026-03-10T08:00:00.000Z');
let fake: FakeSlack;
let routes: TestRoutes;
let stores: Stores;
let adapter: RunningAdapter;
let n = 0;

async function start(managers?: SlackManagers): Promise<void> {
  fake = await FakeSlack.start();
  fake
    .setUser('UMEMBER')
    .setUser('UGUEST', { is_restricted: true })
    .setUser('USINGLE', { is_restricted: true, is_ultra_restricted: true })
    .setUser('UADMIN', { is_admin: true })
    .setUser('UOWNER', { is_owner: true });
  routes = new TestRoutes();
  await routes.listen();
  stores = openSqliteStores(':memory:');
  const commands = createCommandHandler({
    stores,
    engine: createRuleEngine(),
    digest: () => {
      throw new Error('no digests here');
    },
    clock,
    defaults: { scheduleTime: '08:00', timezone: 'UTC', maxPerDigest: 10 },
    ...recentDeps(stores, clock),
    rulesHelp: 'rules',
  });
  adapter = await startSlack(
    { botToken: fake.token, signingSecret: SECRET, apiUrl: fake.apiUrl, botId: fake.botId, botUserId: fake.botUserId, ...(managers ? { managers } : {}) },
    { ...testCore(commands, routes, clock), stores },
  );
}

afterEach(async () => {
  await adapter?.stop();
  await routes?.close();
  await stores?.close();
  await fake?.close();
});

/** Run `/papers <text>` as `user` and return what Slack was told through response_url. */
async function command(user: string, text: string): Promise<string> {
  n += 1;
  const id = `r${n}`;
  const res = await postToSlackEvents(routes.url, {
    ...slashCommand({
      command: '/papers',
      text,
      user_id: user,
      user_name: user.toLowerCase(),
      team_id: fake.teamId,
      channel_id: 'C1',
      channel_name: 'papers',
      response_url: fake.responseUrl(id),
      trigger_id: 't',
      api_app_id: 'A1',
    }),
    timestamp: Math.floor(clock.now().getTime() / 1000),
  });
  expect(res.status).toBe(200);
  await expect.poll(() => fake.responses.some((r) => r.id === id), { timeout: 5000 }).toBe(true);
  return JSON.stringify(fake.responses.find((r) => r.id === id)?.body);
}

async function rules(): Promise<string[]> {
  const c = await stores.channels.find({ platform: 'slack', workspaceId: fake.teamId, channelId: 'C1' });
  return c ? (await stores.rules.list(c.id)).map((r) => r.text) : [];
}

describe('SLACK_MANAGERS=members (the default)', () => {
  it.each([
    ['a multi-channel guest', 'UGUEST'],
    ['a single-channel guest', 'USINGLE'],
  ])('refuses %s a managing command, saying who may', async (_name, user) => {
    await start();
    for (const text of ['subscribe pruning', 'threshold 1', 'pause', 'unsubscribe 1']) {
      const answer = await command(user, text);
      expect(answer).toMatch(/members of this workspace/);
      expect(answer).toMatch(/guests/);
    }
    expect(await rules()).toEqual([]);
    const c = await stores.channels.find({ platform: 'slack', workspaceId: fake.teamId, channelId: 'C1' });
    expect(c?.paused ?? false).toBe(false);
  });

  it('lets a guest use reading commands', async () => {
    await start();
    await command('UMEMBER', 'subscribe pruning');
    expect(await command('UGUEST', 'list')).toContain('pruning');
    expect(await command('UGUEST', 'help')).not.toMatch(/Only /);
  });

  it('lets a member manage', async () => {
    await start();
    await command('UMEMBER', 'subscribe pruning');
    expect(await rules()).toEqual(['pruning']);
  });

  it('refuses a guest’s mention command too', async () => {
    await start();
    await command('UMEMBER', 'subscribe pruning');
    const mention = eventCallback(
      { type: 'app_mention', user: 'UGUEST', text: `<@${fake.botUserId}> unsubscribe pruning`, ts: '1.2', channel: 'C1', event_ts: '1.2' },
      'EvGuest',
    );
    await postToSlackEvents(routes.url, { ...mention, timestamp: Math.floor(clock.now().getTime() / 1000) });
    await expect.poll(() => fake.posts('C1').length, { timeout: 5000 }).toBe(1);
    expect(fake.posts('C1')[0]?.text).toMatch(/members of this workspace/);
    expect(await rules()).toEqual(['pruning']);
  });

  it('asks users.info once per person within the cache’s lifetime, and again after it', async () => {
    await start();
    await command('UMEMBER', 'subscribe pruning');
    await command('UMEMBER', 'subscribe diffusion');
    await command('UMEMBER', 'list');
    expect(fake.callsTo('users.info').map((c) => c.body.user)).toEqual(['UMEMBER']);
    clock.advance(11 * 60_000);
    await command('UMEMBER', 'subscribe graphs');
    expect(fake.callsTo('users.info')).toHaveLength(2);
  });

  it('refuses, without caching, when users.info fails', async () => {
    await start();
    fake.failNext('users.info', 'internal_error');
    expect(await command('UMEMBER', 'subscribe pruning')).toMatch(/could not check/);
    expect(await rules()).toEqual([]);
    await command('UMEMBER', 'subscribe pruning');
    expect(await rules()).toEqual(['pruning']);
  });

  // An app installed before users:read was added to the manifest gets missing_scope on every managing
  // command: "try again in a moment" would never come true, so the answer names the fix.
  it('says how to fix it when the app lacks users:read (missing_scope), and changes nothing', async () => {
    await start();
    fake.failNext('users.info', 'missing_scope');
    const answer = await command('UMEMBER', 'subscribe pruning');
    expect(answer).toMatch(/users:read/);
    expect(answer).toMatch(/reinstall|install .* again/i);
    expect(answer).not.toMatch(/try again in a moment/);
    expect(await rules()).toEqual([]);
  });
});

describe('SLACK_MANAGERS=admins', () => {
  it('lets workspace admins and owners manage, and nobody else', async () => {
    await start('admins');
    expect(await command('UMEMBER', 'subscribe pruning')).toMatch(/workspace admins and owners/);
    await command('UADMIN', 'subscribe diffusion');
    await command('UOWNER', 'subscribe graphs');
    expect((await rules()).sort()).toEqual(['diffusion', 'graphs']);
  });
});

describe('SLACK_MANAGERS=everyone', () => {
  it('lets guests manage and never asks users.info', async () => {
    await start('everyone');
    await command('UGUEST', 'subscribe pruning');
    expect(await rules()).toEqual(['pruning']);
    expect(fake.callsTo('users.info')).toEqual([]);
  });
});

describe('the manager cache', () => {
  it('is bounded: past its size the least recently used person is asked again', async () => {
    let t = 0;
    const asked: string[] = [];
    const cache = new ManagerCache<boolean>({ max: 2, ttlMs: 1000, now: () => t });
    const look = (id: string) =>
      cache.get(id, async () => {
        asked.push(id);
        return true;
      });
    await look('A');
    await look('B');
    await look('A');
    await look('C');
    await look('A');
    await look('B');
    expect(asked).toEqual(['A', 'B', 'C', 'B']);
    expect(cache.size).toBe(2);
    t = 1001;
    await look('A');
    expect(asked).toEqual(['A', 'B', 'C', 'B', 'A']);
  });
});
