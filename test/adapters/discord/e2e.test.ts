import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChannelType } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDiscordPort } from '../../../adapters/discord/port.js';
import { createRest } from '../../../adapters/discord/rest.js';
import type { ChatPort } from '../../../src/chat/port.js';
import { silentLogger } from '../../../src/log.js';
import { startDiscord } from '../../../adapters/discord/index.js';
import { createCommandHandler } from '../../../src/commands/handler.js';
import { createHttpServer } from '../../../src/http/server.js';
import { createPhraseEngine } from '../../support/phrase-engine.js';
import { FakeDiscord, invalidMessage } from '../../support/fake-discord.js';
import { GUILD } from './helpers.js';
import { APP_ID, papersInteraction, signed, testKeys } from './interaction-fixtures.js';
import { makePaper } from '../../support/papers.js';
import { recentDeps } from '../../support/recent.js';
import { pipelineHarness, type PipelineHarness } from '../../support/pipeline.js';

/*
 * subscribe → digest → Discord, through the real pipeline, SQLite store,
 * discord.js REST client and the fake Discord API.
 */

const TODAY = '2026-03-10';
let fake: FakeDiscord;
let h: PipelineHarness | null = null;
let dir = '';

beforeEach(async () => {
  fake = await new FakeDiscord().start();
  dir = mkdtempSync(join(tmpdir(), 'paperboy-discord-'));
});
afterEach(async () => {
  await h?.close();
  h = null;
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
});

const discordPort = (): ChatPort => createDiscordPort({ rest: createRest(fake.token, fake.api), logger: silentLogger() });

const pruning = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    makePaper({
      id: `2599.0010${i}`,
      title: i === 0 ? '@everyone Pruning at scale' : `Pruning study ${i}`,
      abstract: `Network pruning. ${'Long abstract words. '.repeat(i === 1 ? 800 : 2)}`,
      upvotes: 10 - i,
      hfDate: TODAY,
      sources: ['hf'],
      authors: Array.from({ length: 30 }, (_, k) => `Author ${k}`),
    }),
  );

describe('Discord end to end', () => {
  it('/papers subscribe then /papers digest from Discord posts each paper once, with its thread', async () => {
    h = await pipelineHarness({ ports: [discordPort()] });
    const harness = h;
    const ch = fake.addChannel({ type: ChannelType.GuildText });
    const commands = createCommandHandler({
      stores: h.stores,
      engine: createPhraseEngine(),
      digest: () => harness.digest,
      clock: h.clock,
      defaults: { scheduleTime: '08:00', timezone: 'UTC', maxPerDigest: 10 },
      ...recentDeps(h.stores, h.clock),
      rulesHelp: 'Rules help.',
    });
    const http = createHttpServer(silentLogger());
    const keys = testKeys();
    const running = await startDiscord(
      { token: fake.token, applicationId: APP_ID, publicKey: keys.publicHex, apiUrl: fake.api },
      { commands, stores: h.stores, digest: () => harness.digest, clock: { now: () => new Date() }, logger: silentLogger(), http },
    );
    const url = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}/discord/interactions`;
    const post = async (payload: Record<string, unknown>) => {
      const body = JSON.stringify(payload);
      return (await (await fetch(url, { method: 'POST', body, headers: signed(keys.privateKey, body) })).json()) as { type: number };
    };
    try {
      const here = { id: ch.id, type: ChannelType.GuildText };
      expect((await post(papersInteraction('subscribe', { options: { rule: 'pruning' }, channel: here }))).type).toBe(4);
      h.source.set(TODAY, pruning(3));
      await h.digest.refresh();
      const digest = papersInteraction('digest', { channel: here });
      expect(await post(digest)).toEqual({ type: 5, data: { flags: 64 } });
      const edit = await vi.waitUntil(() => fake.callsTo('PATCH', `/webhooks/${APP_ID}/${String(digest.token)}/messages/@original`)[0], { timeout: 3000 });
      expect(String(edit.body?.content)).toMatch(/3/);
      const msgs = fake.messagesIn(ch.id);
      expect(msgs.map((m) => m.embeds.length)).toEqual([0, 1, 1, 1]);
      expect(fake.threads.map((t) => t.parent_id)).toEqual([ch.id, ch.id, ch.id]);
      const channel = await h.stores.channels.find({ platform: 'discord', workspaceId: GUILD, channelId: ch.id });
      expect((await h.stores.rules.list(channel?.id ?? -1)).map((r) => r.text)).toEqual(['pruning']);
    } finally {
      await running.stop();
      await http.close();
    }
  });

  it('posts a header and one embed per paper within limits, with a thread per paper recorded for thread commands', async () => {
    h = await pipelineHarness({ ports: [discordPort()] });
    const ch = fake.addChannel({ type: ChannelType.GuildText });
    const channel = await h.channel(ch.id, ['pruning'], 'discord');
    h.source.set(TODAY, [...pruning(3), makePaper({ title: 'Diffusion for audio', abstract: 'Unrelated.' })]);

    const report = await h.digest.runCycle();

    expect(report.channels[0]).toMatchObject({ planned: 3, sent: 4, failed: false });
    const msgs = fake.messagesIn(ch.id);
    expect(msgs).toHaveLength(4);
    expect(msgs[0]?.embeds).toHaveLength(0);
    for (const m of msgs.slice(1)) {
      expect(m.embeds).toHaveLength(1);
      expect(invalidMessage({ content: m.content, embeds: m.embeds })).toBeNull();
      expect(m.allowed_mentions).toEqual({ parse: [] });
    }
    expect(fake.threads.map((t) => t.id)).toEqual(msgs.slice(1).map((m) => m.id));
    const thread = fake.threads.find((t) => t.name?.startsWith('@everyone'));
    expect((await h.stores.threads.paperFor(channel, thread?.id ?? ''))?.paperId).toBe('2599.00100');
    expect((await h.stores.channels.get(channel.id))?.paused).toBe(false);
  });

  it('makes forum posts tagged with the matched rules', async () => {
    h = await pipelineHarness({ ports: [discordPort()] });
    const forum = fake.addChannel({ type: ChannelType.GuildForum, available_tags: [{ id: '1', name: 'pruning' }] });
    await h.channel(forum.id, ['pruning', 'graph neural network'], 'discord');
    h.source.set(TODAY, pruning(2));
    await h.digest.runCycle();
    expect(fake.threads).toHaveLength(2);
    expect(fake.threads.every((t) => t.parent_id === forum.id && t.applied_tags?.join() === '1')).toBe(true);
    expect(fake.callsTo('POST', `/channels/${forum.id}/messages`)).toHaveLength(0);
  });

  it('a digest that dies mid-delivery is finished by the next run without posting anything twice', async () => {
    const dbPath = join(dir, 'paperboy.db');
    const ch = fake.addChannel({ type: ChannelType.GuildText });
    // The third post reaches Discord, then the process "dies" before recording it.
    const real = discordPort();
    let posted = 0;
    const dying: ChatPort = {
      platform: 'discord',
      async send(channel, message, opts) {
        const sent = await real.send(channel, message, opts);
        posted += 1;
        return posted === 3 ? new Promise<never>(() => undefined) : sent;
      },
    };
    const first = await pipelineHarness({ dbPath, ports: [dying] });
    await first.channel(ch.id, ['pruning'], 'discord');
    first.source.set(TODAY, pruning(4));
    void first.digest.runCycle();
    while (posted < 3) await new Promise((r) => setTimeout(r, 10));
    await first.close();
    expect(fake.messagesIn(ch.id)).toHaveLength(3);

    // Next run, after the dead run's lease has expired.
    h = await pipelineHarness({ dbPath, ports: [discordPort()], now: '2026-03-10T08:05:00.000Z' });
    h.source.set(TODAY, pruning(4));
    await h.digest.deliverPending();
    await h.digest.runCycle();

    const msgs = fake.messagesIn(ch.id);
    expect(msgs).toHaveLength(5); // header + 4 papers
    expect(new Set(msgs.map((m) => m.nonce)).size).toBe(5);
    expect(new Set(msgs.slice(1).map((m) => m.embeds[0]?.title)).size).toBe(4);
    expect(fake.threads).toHaveLength(4);
    // The post whose recording was cut off was found among the bot's recent messages, not posted again.
    const retried = fake.callsTo('POST', `/channels/${ch.id}/messages`).filter((c) => c.path.endsWith('/messages') && c.body?.nonce === msgs[2]?.nonce);
    expect(retried).toHaveLength(1);
    expect(fake.callsTo('GET', `/channels/${ch.id}/messages`).length).toBeGreaterThanOrEqual(1);
    const statuses = await h.stores.deliveries.countByStatus();
    expect(statuses.sent).toBe(5);
    expect(statuses.planned + statuses.attempted).toBe(0);
  });

  it.each([50001, 50013, 10003])('pauses the channel on %i, tells the subscriber once, and sends nothing more', async (code) => {
    h = await pipelineHarness({ ports: [discordPort()] });
    const ch = fake.addChannel({ type: ChannelType.GuildText });
    const channel = await h.channel(ch.id, ['pruning'], 'discord');
    await h.stores.rules.add(channel.id, 'sparsity', '700000000000000009', h.clock.now().toISOString());
    fake.failWithCode(`/channels/${ch.id}/messages`, code, 100, 'POST');
    h.source.set(TODAY, pruning(2));

    const report = await h.digest.runCycle();
    await h.digest.runCycle();
    await h.digest.deliverPending();

    expect(report.channels[0]).toMatchObject({ failed: true });
    const after = await h.stores.channels.get(channel.id);
    expect(after?.paused).toBe(true);
    expect(after?.pausedReason).toContain(String({ 50001: 'Missing Access', 50013: 'Missing Permissions', 10003: 'Unknown Channel' }[code]));
    expect(fake.callsTo('POST', `/channels/${ch.id}/messages`)).toHaveLength(1);
    // One DM to the one subscriber whose id is a Discord user (the harness's other rule author is not).
    expect(fake.callsTo('POST', '/users/@me/channels').map((c) => c.body?.recipient_id)).toEqual(['700000000000000009']);
  });
});
