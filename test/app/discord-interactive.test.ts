import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { ChannelType } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../app/core.js';
import { runApp, type RunningApp } from '../../app/run.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import {
  APP_ID,
  MEMBER,
  autocompleteInteraction,
  componentInteraction,
  modalSubmitInteraction,
  papersInteraction,
  signed,
  testKeys,
} from '../adapters/discord/interaction-fixtures.js';
import { DiscordGateway } from '../support/discord-gateway.js';
import { FakeDiscord, type FakeMessage } from '../support/fake-discord.js';
import { FakeSource } from '../support/fake-source.js';
import { makePaper } from '../support/papers.js';

/**
 * Buttons (type 3), autocomplete (type 4) and the subscribe form (type 5) on
 * Discord: the real app against the fake Discord, over HTTP interactions
 * (Ed25519-signed; every HTTP answer held to Discord's rules by the fake) and
 * over the gateway (answers on the callback route, where the fake checks them).
 */
const FIGURE = 'https://cdn-uploads.huggingface.co/production/uploads/fixture/figure.png';
const day = new Date().toISOString().slice(0, 10);
const pruning = makePaper({ title: 'Structured Pruning of Transformers', hfDate: day, sources: ['hf'], upvotes: 40, imageUrl: FIGURE });
const sparse = makePaper({ title: 'Pruning Sparse Experts', hfDate: day, sources: ['hf'], upvotes: 10 });
const audio = makePaper({ title: 'Diffusion for Audio', hfDate: day, sources: ['hf'] });

type Json = Record<string, unknown>;
let fake: FakeDiscord;
let app: RunningApp | null = null;
let core: Core;
let dir: string;

beforeEach(async () => {
  fake = await new FakeDiscord().start();
  dir = mkdtempSync(join(tmpdir(), 'paperboy-discord-interactive-'));
});
afterEach(async () => {
  await app?.stop();
  app = null;
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
});

const source = () => new FakeSource('hf').set(day, [pruning, sparse, audio]);
const paperIdOf = (m: FakeMessage): string => String((m.embeds[0]?.footer as { text?: string } | undefined)?.text ?? '').split(' ')[1] ?? '';

describe('Discord interactions over HTTP', () => {
  const keys = testKeys();
  let url = '';

  beforeEach(async () => {
    const config = loadConfig({
      DATABASE_PATH: join(dir, 'db.sqlite'),
      PORT: '0',
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_PUBLIC_KEY: keys.publicHex,
      DISCORD_API_URL: fake.api,
    });
    core = await createCore({ config, logger: silentLogger(), sources: [source()] });
    app = await runApp(core, { stdin: new PassThrough(), stdout: new PassThrough(), schedule: false });
    url = `http://127.0.0.1:${app.httpPort}/discord/interactions`;
  });

  /** Send a signed interaction; its HTTP answer must be one Discord accepts. */
  async function send(payload: Json): Promise<Json> {
    const body = JSON.stringify(payload);
    const res = await fetch(url, { method: 'POST', body, headers: signed(keys.privateKey, body) });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as Json;
    expect(fake.acceptHttpResponse(payload as { id: string; token: string; type: number }, answer)).toBeNull();
    return answer;
  }

  async function channelWithDigest(): Promise<{ here: { id: string; type: number }; posts: FakeMessage[] }> {
    const ch = fake.addChannel({ type: ChannelType.GuildText });
    const here = { id: ch.id, type: ChannelType.GuildText };
    await send(papersInteraction('subscribe', { options: { rule: 'pruning' }, channel: here }));
    await send(papersInteraction('digest', { channel: here }));
    await expect.poll(() => fake.messagesIn(ch.id).length, { timeout: 10_000 }).toBe(3);
    return { here, posts: fake.messagesIn(ch.id).filter((m) => m.embeds.length) };
  }

  it('each paper post has five buttons and its figure; a press answers the presser alone and counts like a reaction', async () => {
    const { here, posts } = await channelWithDigest();
    expect(posts).toHaveLength(2);
    const post = posts.find((m) => paperIdOf(m) === pruning.id)!;
    expect(post.embeds[0]?.image).toEqual({ url: FIGURE });
    expect(posts.find((m) => paperIdOf(m) === sparse.id)?.embeds[0]?.image).toBeUndefined();
    const stored = fake.calls.find((c) => c.method === 'POST' && c.path === `/channels/${here.id}/messages` && JSON.stringify(c.body).includes(pruning.id));
    const row = (stored!.body!.components as { components: { label: string; custom_id: string }[] }[])[0]!;
    expect(row.components.map((b) => b.label)).toEqual(['Relevant', 'Not for us', 'Why?', 'Cite', 'Save']);
    expect(row.components.map((b) => b.custom_id)).toEqual(['relevant', 'not-for-us', 'why', 'cite', 'save'].map((a) => `pb:${a}:${pruning.id}`));

    const press = (action: string, paperId = pruning.id, userId = '700000000000000002') =>
      send(componentInteraction(`pb:${action}:${paperId}`, post.id, { channel: here, permissions: MEMBER, userId }));
    const relevant = await press('relevant');
    expect(relevant).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(String((relevant.data as Json).content)).toContain('Marked **Relevant**');
    const channel = (await core.stores.channels.find({ platform: 'discord', workspaceId: '900000000000000001', channelId: here.id }))!;
    const live = async () => (await core.stores.feedback.forChannel(channel.id)).filter((e) => !e.removed).map((e) => e.emoji);
    expect(await live()).toEqual(['paperboy:relevant']);
    expect(String(((await press('not-for-us')).data as Json).content)).toContain('Changed your vote');
    expect(await live()).toEqual(['paperboy:not-for-us']);
    // A custom_id edited to name another paper (of this channel, or never sent here) is refused.
    for (const forged of [sparse.id, audio.id])
      expect(String(((await press('relevant', forged)).data as Json).content)).toContain('not on one of my paper posts');
    expect(await live()).toEqual(['paperboy:not-for-us']);
    expect(String(((await press('cite')).data as Json).content)).toContain('@misc{');
    await press('save');
    expect((await core.stores.saved.list({ platform: 'discord', workspaceId: '900000000000000001' }, '700000000000000002')).map((s) => s.paperId)).toEqual([
      pruning.id,
    ]);
  });

  it('autocomplete answers type 8 with this channel’s rules, IANA zones and recent posts, at most 25', async () => {
    const { here } = await channelWithDigest();
    const rule = await send(autocompleteInteraction('unsubscribe', 'rule', 'pru', { channel: here }));
    expect(rule).toEqual({ type: 8, data: { choices: [{ name: 'pruning (id 1)', value: '1' }] } });
    const zones = await send(autocompleteInteraction('schedule', 'timezone', 'europe/', { channel: here, others: { time: '09:00' } }));
    const zoneChoices = (zones.data as { choices: { value: string }[] }).choices;
    expect(zoneChoices).toHaveLength(25);
    expect(zoneChoices.every((c) => c.value.startsWith('Europe/'))).toBe(true);
    for (const sub of ['why', 'abstract', 'authors', 'links', 'similar', 'cite']) {
      const papers = await send(autocompleteInteraction(sub, 'paper', 'sparse', { channel: here }));
      expect((papers.data as { choices: unknown[] }).choices).toEqual([{ name: `Pruning Sparse Experts (${sparse.id})`, value: sparse.id }]);
    }
  });

  it('/papers subscribe with no rule opens a form; its submit answers with the preview and subscribes; a bad rule changes nothing', async () => {
    const ch = fake.addChannel({ type: ChannelType.GuildText });
    const here = { id: ch.id, type: ChannelType.GuildText };
    await send(papersInteraction('digest', { channel: here }));
    const form = await send(papersInteraction('subscribe', { channel: here }));
    expect(form).toMatchObject({ type: 9, data: { custom_id: 'pb-subscribe', title: 'Subscribe this channel' } });
    const bad = await send(modalSubmitInteraction('pb-subscribe', { rule: 'pruning AND (' }, { channel: here }));
    expect(String((bad.data as Json).content)).toContain('does not parse');
    const good = await send(modalSubmitInteraction('pb-subscribe', { rule: 'pruning' }, { channel: here }));
    const content = String((good.data as Json).content);
    expect(content).toContain('Subscribed this channel to');
    expect(content).toContain('would have matched 2 papers of the 3 seen in the last 7 days');
    expect(content).toContain('Structured Pruning of Transformers');
    const row = (await core.stores.channels.find({ platform: 'discord', workspaceId: '900000000000000001', channelId: here.id }))!;
    expect((await core.stores.rules.list(row.id)).map((r) => r.text)).toEqual(['pruning']);
    // Without Manage Channels the form's submit is refused.
    const member = await send(modalSubmitInteraction('pb-subscribe', { rule: 'diffusion' }, { channel: here, permissions: MEMBER }));
    expect(String((member.data as Json).content)).toContain('needs the Manage Channels permission');
  });

  it('/papers saved format:bibtex answers with a .bib attachment on the deferred reply', async () => {
    const { here, posts } = await channelWithDigest();
    for (const p of posts) await send(componentInteraction(`pb:save:${paperIdOf(p)}`, p.id, { channel: here }));
    const deferred = await send(papersInteraction('saved', { options: { format: 'bibtex' }, channel: here }));
    expect(deferred).toEqual({ type: 5, data: { flags: 64 } });
    await expect.poll(() => fake.webhookEdits.filter((e) => e.files.length).length, { timeout: 5000 }).toBe(1);
    const edit = fake.webhookEdits.find((e) => e.files.length)!;
    expect(edit.files[0]?.name).toBe('paperboy-saved.bib');
    expect(edit.files[0]?.content.match(/^@misc\{/gm)).toHaveLength(2);
    expect(edit.body.attachments).toEqual([{ id: 0, filename: 'paperboy-saved.bib' }]);
  });
});

describe('Discord interactions over the gateway', () => {
  it('buttons, autocomplete and the form answer on the callback route, once each, as Discord requires', async () => {
    const gateway = await DiscordGateway.start({ botUser: { id: APP_ID, username: 'paperboy' }, applicationId: APP_ID });
    try {
      fake.gatewayUrl = gateway.url;
      const config = loadConfig({
        DATABASE_PATH: join(dir, 'db.sqlite'),
        DISCORD_TOKEN: fake.token,
        DISCORD_APPLICATION_ID: APP_ID,
        DISCORD_API_URL: fake.api,
      });
      core = await createCore({ config, logger: silentLogger(), sources: [source()] });
      app = await runApp(core, { stdin: new PassThrough(), stdout: new PassThrough(), schedule: false });
      await gateway.waitForReady();
      const ch = fake.addChannel({ type: ChannelType.GuildText });
      const here = { id: ch.id, type: ChannelType.GuildText };
      const dispatch = async (payload: Json): Promise<Json> => {
        fake.expectInteraction(payload as { id: string; type: number });
        gateway.dispatch('INTERACTION_CREATE', payload);
        await expect.poll(() => fake.interactionResponses.some((r) => r.id === payload.id), { timeout: 10_000 }).toBe(true);
        return fake.interactionResponses.find((r) => r.id === payload.id)!.body;
      };
      await dispatch(papersInteraction('subscribe', { options: { rule: 'pruning' }, channel: here }));
      await dispatch(papersInteraction('digest', { channel: here }));
      await expect.poll(() => fake.messagesIn(ch.id).length, { timeout: 10_000 }).toBe(3);
      const post = fake.messagesIn(ch.id).find((m) => paperIdOf(m) === pruning.id)!;

      const press = componentInteraction(`pb:relevant:${pruning.id}`, post.id, { channel: here, permissions: MEMBER });
      expect(await dispatch(press)).toMatchObject({ type: 4, data: { flags: 64 } });
      // A second initial response to the same interaction is refused (40060).
      const again = await fetch(`${fake.api}/v10/interactions/${String(press.id)}/${String(press.token)}/callback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 4, data: { content: 'again' } }),
      });
      expect(again.status).toBe(400);
      expect(((await again.json()) as Json).code).toBe(40060);

      expect(await dispatch(autocompleteInteraction('unsubscribe', 'rule', '', { channel: here }))).toEqual({
        type: 8,
        data: { choices: [{ name: 'pruning (id 1)', value: '1' }] },
      });
      expect(await dispatch(papersInteraction('subscribe', { channel: here }))).toMatchObject({ type: 9 });
      const submitted = await dispatch(modalSubmitInteraction('pb-subscribe', { rule: 'sparse' }, { channel: here }));
      expect(String((submitted.data as Json).content)).toContain('Subscribed this channel to');
    } finally {
      await app?.stop();
      app = null;
      await gateway.close();
    }
  });
});
