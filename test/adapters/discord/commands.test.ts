import { ChannelType } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDiscord, type RunningDiscord } from '../../../adapters/discord/index.js';
import { fixedClock } from '../../../src/clock.js';
import { createCommandHandler } from '../../../src/commands/handler.js';
import type { DigestService } from '../../../src/digest/types.js';
import { createHttpServer, type HttpServer } from '../../../src/http/server.js';
import { silentLogger } from '../../../src/log.js';
import { createPhraseEngine } from '../../support/phrase-engine.js';
import type { Stores } from '../../../src/store/types.js';
import { FakeDiscord } from '../../support/fake-discord.js';
import { openSqliteStores } from '../../../src/store/sqlite/index.js';
import { makePaper } from '../../support/papers.js';
import { GUILD } from './helpers.js';
import { recentDeps } from '../../support/recent.js';
import { APP_ID, MEMBER, papersInteraction, signed, testKeys } from './interaction-fixtures.js';

/* Signed interactions through the adapter into the real /papers command handler. */

const NOW = '2026-03-10T08:00:00.000Z';
const keys = testKeys();
let fake: FakeDiscord;
let http: HttpServer;
let stores: Stores;
let running: RunningDiscord;
let url: string;

beforeEach(async () => {
  fake = await new FakeDiscord().start();
  http = createHttpServer(silentLogger());
  stores = openSqliteStores(':memory:');
  const clock = fixedClock(NOW);
  const digest = (): DigestService => {
    throw new Error('no digests in these tests');
  };
  const commands = createCommandHandler({
    stores,
    engine: createPhraseEngine(),
    digest,
    clock,
    defaults: { scheduleTime: '08:00', timezone: 'UTC', maxPerDigest: 10 },
    ...recentDeps(stores, clock),
    rulesHelp: 'Fixture rules help.',
  });
  // Signatures are checked against the real time; the core runs on the fixture clock.
  running = await startDiscord(
    { token: fake.token, applicationId: APP_ID, publicKey: keys.publicHex, apiUrl: fake.api },
    { commands, stores, digest, clock: { now: () => new Date() }, logger: silentLogger(), http },
  );
  url = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}/discord/interactions`;
});
afterEach(async () => {
  await running.stop();
  await stores.close();
  await http.close();
  await fake.stop();
});

async function run(payload: Record<string, unknown>): Promise<string> {
  const body = JSON.stringify(payload);
  const res = await fetch(url, { method: 'POST', body, headers: signed(keys.privateKey, body) });
  const json = (await res.json()) as { type: number; data?: { content?: string; embeds?: unknown[] } };
  expect(json.type).toBe(4);
  return json.data?.content ?? '';
}

const FORUM = '630000000000000001';
const POST_IN_FORUM = { id: '630000000000000002', type: ChannelType.PublicThread, parent_id: FORUM };

describe('/papers through the core handler', () => {
  it('subscribes a forum from inside one of its posts, and lists it from another channel', async () => {
    await run(papersInteraction('subscribe', { options: { rule: 'graph neural network' }, channel: POST_IN_FORUM }));
    const forum = await stores.channels.find({ platform: 'discord', workspaceId: GUILD, channelId: FORUM });
    expect((await stores.rules.list(forum?.id ?? -1)).map((r) => [r.text, r.addedBy])).toEqual([['graph neural network', '700000000000000001']]);

    const listed = await run(
      papersInteraction('list', {
        options: { channel: FORUM },
        permissions: MEMBER,
        resolved: { channels: { [FORUM]: { id: FORUM, type: ChannelType.GuildForum, permissions: MEMBER } } },
      }),
    );
    expect(listed).toContain('graph neural network');
  });

  it('changes nothing for a member without the permission', async () => {
    const reply = await run(papersInteraction('subscribe', { options: { rule: 'pruning' }, permissions: MEMBER }));
    expect(reply).toContain('Manage Channels');
    expect(await stores.rules.listActive()).toEqual([]);
  });

  it('answers a thread subcommand about the thread’s paper', async () => {
    const paper = makePaper({ id: '2599.00042', title: 'Pruning fixtures', abstract: 'A distinctive fixture abstract about pruning.' });
    await stores.papers.upsertMany([paper], NOW);
    const text = await stores.channels.ensure({ platform: 'discord', workspaceId: GUILD, channelId: '640000000000000001' }, NOW);
    await stores.threads.record({ channelId: text.id, paperId: paper.id, messageId: '640000000000000002', threadId: '640000000000000002', createdAt: NOW });
    const reply = await run(
      papersInteraction('abstract', {
        permissions: MEMBER,
        channel: { id: '640000000000000002', type: ChannelType.PublicThread, parent_id: '640000000000000001' },
      }),
    );
    expect(reply).toContain('distinctive fixture abstract');
  });

  it('sets learning, threshold, recap and emoji from slash options, and lets a member only read them', async () => {
    const here = { platform: 'discord' as const, workspaceId: GUILD, channelId: '600000000000000001' };
    await run(papersInteraction('learn', { options: { mode: 'off' } }));
    await run(papersInteraction('threshold', { options: { value: '0.3' } }));
    await run(papersInteraction('recap', { options: { weekday: 'monday', time: '10:15' } }));
    const both = await run(papersInteraction('emoji', { options: { positive: '🚀<:arxivok:555000000000000001>', negative: '🙄' } }));
    expect(both).toContain('🚀 arxivok');
    expect(both).toContain('🙄');
    const channel = await stores.channels.find(here);
    expect(await stores.settings.get(channel?.id ?? -1)).toMatchObject({
      learn: false,
      threshold: 0.3,
      recapEnabled: true,
      recapWeekday: 1,
      recapTime: '10:15',
      positiveEmoji: ['🚀', 'arxivok'],
      negativeEmoji: ['🙄'],
    });

    expect(await run(papersInteraction('emoji', { permissions: MEMBER }))).toContain('🚀 arxivok');
    expect(await run(papersInteraction('learn', { options: { mode: 'on' }, permissions: MEMBER }))).toContain('Manage Channels');
    expect((await stores.settings.get(channel?.id ?? -1)).learn).toBe(false);
  });

  it('a refused first emoji list stops before the second', async () => {
    const reply = await run(papersInteraction('emoji', { options: { positive: '👎', negative: '🙄' } }));
    expect(reply).toContain('already counts as not liked');
    const channel = await stores.channels.find({ platform: 'discord', workspaceId: GUILD, channelId: '600000000000000001' });
    expect(channel ? (await stores.settings.get(channel.id)).negativeEmoji : null).not.toEqual(['🙄']);
  });
});
