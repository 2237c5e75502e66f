import { ChannelType } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DISCORD_ERRORS, TAG_REASON } from '../../../adapters/discord/errors.js';
import { createDiscordPort } from '../../../adapters/discord/port.js';
import { createRest } from '../../../adapters/discord/rest.js';
import type { ChatPort } from '../../../src/chat/port.js';
import { fixedClock } from '../../../src/clock.js';
import { silentLogger } from '../../../src/log.js';
import { FakeDiscord, snowflakeAt } from '../../support/fake-discord.js';
import { discordChannel, key, paperMessage } from './helpers.js';
import { chatFailure } from '../../support/chat-failure.js';

/*
 * Issue #10 on Discord: every answer has one outcome (point 2), creations are
 * retried by Paperboy only, looking for the earlier post first (point 3), and
 * the fake refuses what Discord refuses (point 6).
 */

const clock = fixedClock('2026-03-10T08:00:00.000Z');
let fake: FakeDiscord;
let port: ChatPort;

beforeEach(async () => {
  clock.set('2026-03-10T08:00:00.000Z');
  fake = await new FakeDiscord(undefined, undefined, { now: () => clock.now().getTime() }).start();
  port = createDiscordPort({ rest: createRest(fake.token, fake.api), logger: silentLogger(), clock, botUserId: fake.botUser.id });
});
afterEach(() => fake.stop());

const failure = chatFailure;

const first = { maybeSent: false } as const;

describe('Discord error table', () => {
  it.each(Object.entries(DISCORD_ERRORS))('%s → its row', async (code, row) => {
    const ch = fake.addChannel({ type: ChannelType.GuildText });
    fake.fail({ path: `/channels/${ch.id}/messages`, method: 'POST', status: 400, body: { code: Number(code), message: 'scripted' }, times: 1 });
    const e = await failure(port.send(discordChannel(ch.id), paperMessage(), { idempotencyKey: key(), ...first }));
    expect({ kind: e.kind, code: e.details.code, reason: e.message }).toEqual({ kind: row.kind, code, reason: row.reason });
    // Tried once: with the client's retries off, one request per attempt.
    expect(fake.callsTo('POST', `/channels/${ch.id}/messages`)).toHaveLength(1);
  });

  it('the rows cover the codes issue #10 names', () => {
    expect([50035, 200000, 200001, 50006].map((c) => DISCORD_ERRORS[c]?.kind)).toEqual(['message', 'message', 'message', 'message']);
    expect(DISCORD_ERRORS[40067]?.kind).toBe('channel');
  });

  it('a code no row names is unknown', async () => {
    const ch = fake.addChannel({ type: ChannelType.GuildText });
    fake.fail({ path: `/channels/${ch.id}/messages`, method: 'POST', status: 400, body: { code: 999_999, message: 'new' }, times: 1 });
    const e = await failure(port.send(discordChannel(ch.id), paperMessage(), { idempotencyKey: key(), ...first }));
    expect({ kind: e.kind, code: e.details.code }).toEqual({ kind: 'unknown', code: '999999' });
  });

  it.each([500, 502, 503])('HTTP %i is transient, and the client does not retry it by itself', async (status) => {
    const ch = fake.addChannel({ type: ChannelType.GuildText });
    fake.fail({ path: `/channels/${ch.id}/messages`, method: 'POST', status, body: { message: 'upstream' }, times: 5 });
    const e = await failure(port.send(discordChannel(ch.id), paperMessage(), { idempotencyKey: key(), ...first }));
    expect(e.kind).toBe('transient');
    expect(fake.callsTo('POST', `/channels/${ch.id}/messages`)).toHaveLength(1);
  });
});

describe('Discord: creations retried by Paperboy only, looking first (issue #10, point 3)', () => {
  it('a forum post made but answered with a 5xx is made once; the retry finds it instead of posting again', async () => {
    const forum = fake.addChannel({ type: ChannelType.GuildForum });
    fake.fail({ path: `/channels/${forum.id}/threads`, method: 'POST', status: 500, body: { message: 'oops' }, times: 1, afterHandling: true });
    const k = key();
    const e = await failure(port.send(discordChannel(forum.id), paperMessage(), { idempotencyKey: k, ...first }));
    expect(e.kind).toBe('transient');
    expect(fake.threads).toHaveLength(1);
    const again = await port.send(discordChannel(forum.id), paperMessage(), { idempotencyKey: k, maybeSent: true, firstAttemptAt: clock.now().toISOString() });
    expect(again).toEqual({ messageId: fake.threads[0]?.id, threadId: fake.threads[0]?.id });
    expect(fake.threads).toHaveLength(1);
    expect(fake.callsTo('POST', `/channels/${forum.id}/threads`)).toHaveLength(1);
  });

  it('a forum post archived since (a moderator closed it) is still found', async () => {
    const forum = fake.addChannel({ type: ChannelType.GuildForum });
    const k = key();
    const made = await port.send(discordChannel(forum.id), paperMessage(), { idempotencyKey: k, ...first });
    fake.archiveThread(made.messageId);
    expect(await port.send(discordChannel(forum.id), paperMessage(), { idempotencyKey: k, maybeSent: true })).toEqual(made);
    expect(fake.threads).toHaveLength(1);
  });

  it("after Discord's nonce memory has passed, the earlier post is found among the bot's recent messages by its paper id, and gets its missing thread", async () => {
    const ch = fake.addChannel({ type: ChannelType.GuildText });
    for (let i = 0; i < 3; i++)
      fake.messages.push({ id: fake.id(), channel_id: ch.id, content: `hi ${i}`, embeds: [], allowed_mentions: {}, author: { id: '7001' } });
    // The message is made, then the process dies before its thread (the thread call never answers).
    fake.fail({ path: `/channels/${ch.id}/messages/`, method: 'POST', status: 500, body: { message: 'gone' }, times: 1 });
    const k = key();
    const started = clock.now().toISOString();
    await failure(port.send(discordChannel(ch.id), paperMessage({ id: '2599.00042' }), { idempotencyKey: k, ...first }));
    expect(fake.threads).toHaveLength(0);
    clock.advance(60 * 60_000);
    const again = await port.send(discordChannel(ch.id), paperMessage({ id: '2599.00042' }), { idempotencyKey: k, maybeSent: true, firstAttemptAt: started });
    const ours = fake.messagesIn(ch.id).filter((m) => m.author?.id === fake.botUser.id);
    expect(ours).toHaveLength(1);
    expect(again).toEqual({ messageId: ours[0]?.id, threadId: ours[0]?.id });
    expect(fake.threads.map((t) => t.id)).toEqual([ours[0]?.id]);
    expect(fake.callsTo('POST', `/channels/${ch.id}/messages`).filter((c) => c.path.endsWith('/messages'))).toHaveLength(1);
  });

  it('when the recent messages cannot be read, it does not post: a 5xx waits for a later attempt, a refusal pauses the channel', async () => {
    const ch = fake.addChannel({ type: ChannelType.GuildText });
    fake.fail({ path: `/channels/${ch.id}/messages`, method: 'GET', status: 503, body: { message: 'later' }, times: 1 });
    const e = await failure(port.send(discordChannel(ch.id), paperMessage(), { idempotencyKey: key(), maybeSent: true }));
    expect(e.kind).toBe('transient');
    fake.failWithCode(`/channels/${ch.id}/messages`, 50001, 1, 'GET');
    const refused = await failure(port.send(discordChannel(ch.id), paperMessage(), { idempotencyKey: key(), maybeSent: true }));
    expect(refused.kind).toBe('channel');
    expect(fake.callsTo('POST', `/channels/${ch.id}/messages`)).toHaveLength(0);
  });
});

describe('Discord forums that require a tag (issue #10, point 2)', () => {
  const tags = [
    { id: '11', name: 'pruning' },
    { id: '12', name: 'papers' },
  ];

  it("gets one of the matched rules' tags", async () => {
    const forum = fake.addChannel({ type: ChannelType.GuildForum, flags: 16, available_tags: tags });
    await port.send(discordChannel(forum.id), paperMessage({ matchedRules: ['pruning'] }), { idempotencyKey: key(), ...first });
    expect(fake.threads[0]?.applied_tags).toEqual(['11']);
  });

  it('else the tag named papers', async () => {
    const forum = fake.addChannel({ type: ChannelType.GuildForum, flags: 16, available_tags: tags });
    await port.send(discordChannel(forum.id), paperMessage({ matchedRules: ['diffusion'] }), { idempotencyKey: key(), ...first });
    expect(fake.threads[0]?.applied_tags).toEqual(['12']);
  });

  it('else the channel is paused with a reason that says what to add', async () => {
    const forum = fake.addChannel({ type: ChannelType.GuildForum, flags: 16, available_tags: [{ id: '11', name: 'pruning' }] });
    const e = await failure(port.send(discordChannel(forum.id), paperMessage({ matchedRules: ['diffusion'] }), { idempotencyKey: key(), ...first }));
    expect({ kind: e.kind, message: e.message }).toEqual({ kind: 'channel', message: TAG_REASON });
    expect(fake.callsTo('POST', `/channels/${forum.id}/threads`)).toHaveLength(0);
  });
});

describe("Discord's global limit (issue #10, point 4)", () => {
  it('posting to 60 channels at once stays within 50 requests a second', async () => {
    const real = await new FakeDiscord().start();
    try {
      const p = createDiscordPort({ rest: createRest(real.token, real.api), logger: silentLogger() });
      const channels = Array.from({ length: 60 }, () => real.addChannel({ type: ChannelType.GuildText }));
      await Promise.all(channels.map((c) => p.send(discordChannel(c.id), { kind: 'more', remaining: 1 }, { idempotencyKey: key(), ...first })));
      expect(real.messages).toHaveLength(60);
      expect(real.peakPerSecond).toBeLessThanOrEqual(50);
    } finally {
      await real.stop();
    }
  }, 20_000);
});

describe('Discord fake strictness (issue #10, point 6)', () => {
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${fake.api}/v10${path}`, { ...init, headers: { authorization: `Bot ${fake.token}`, 'content-type': 'application/json', ...init.headers } });
  const post = (path: string, body: unknown) => api(path, { method: 'POST', body: JSON.stringify(body) });

  it('forgets a nonce after a few minutes', async () => {
    const ch = fake.addChannel({ type: ChannelType.GuildText });
    const body = { content: 'x', nonce: 'n1', enforce_nonce: true };
    const a = (await (await post(`/channels/${ch.id}/messages`, body)).json()) as { id: string };
    const b = (await (await post(`/channels/${ch.id}/messages`, body)).json()) as { id: string };
    expect(b.id).toBe(a.id);
    clock.advance(3 * 60_000);
    const c = (await (await post(`/channels/${ch.id}/messages`, body)).json()) as { id: string };
    expect(c.id).not.toBe(a.id);
  });

  it('refuses empty messages (50006), forum posts without a message included', async () => {
    const ch = fake.addChannel({ type: ChannelType.GuildText });
    const forum = fake.addChannel({ type: ChannelType.GuildForum });
    for (const [path, body] of [
      [`/channels/${ch.id}/messages`, { content: '' }],
      [`/channels/${forum.id}/threads`, { name: 'a post' }],
    ] as const) {
      const res = await post(path, body);
      expect([res.status, ((await res.json()) as { code: number }).code]).toEqual([400, 50006]);
    }
  });

  it('a forum flagged "require tag" refuses an untagged post (40067)', async () => {
    const forum = fake.addChannel({ type: ChannelType.GuildForum, flags: 16, available_tags: [{ id: '1', name: 'x' }] });
    const res = await post(`/channels/${forum.id}/threads`, { name: 'p', message: { content: 'hi' } });
    expect([res.status, ((await res.json()) as { code: number }).code]).toEqual([400, 40067]);
  });

  it('sends X-RateLimit-* headers, answers a global 429 past 50 requests a second, Retry-After in whole seconds', async () => {
    const ch = fake.addChannel({ type: ChannelType.GuildText });
    const ok = await post(`/channels/${ch.id}/messages`, { content: 'x' });
    expect(Object.fromEntries(['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-bucket'].map((h) => [h, ok.headers.get(h)]))).toEqual({
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '4',
      'x-ratelimit-bucket': 'fake-messages',
    });
    for (let i = 0; i < 4; i++) await post(`/channels/${ch.id}/messages`, { content: 'x' });
    clock.advance(250);
    const bucket = await post(`/channels/${ch.id}/messages`, { content: 'x' });
    expect([bucket.status, bucket.headers.get('retry-after'), ((await bucket.json()) as { retry_after: number }).retry_after]).toEqual([429, '5', 4.75]);
    for (let i = 0; i < 50; i++) await api(`/channels/${ch.id}`);
    const global = await api(`/channels/${ch.id}`);
    expect([global.status, global.headers.get('x-ratelimit-global'), global.headers.get('x-ratelimit-scope'), global.headers.get('retry-after')]).toEqual([
      429,
      'true',
      'global',
      '1',
    ]);
  });

  it('takes one initial response per interaction, within 3 seconds of it', async () => {
    const id = snowflakeAt(clock.now().getTime(), 1);
    const answer = () => post(`/interactions/${id}/tok/callback`, { type: 4, data: { content: 'hi' } });
    expect((await answer()).status).toBe(204);
    const twice = await answer();
    expect([twice.status, ((await twice.json()) as { code: number }).code]).toEqual([400, 40060]);
    const late = snowflakeAt(clock.now().getTime(), 2);
    clock.advance(3001);
    const res = await post(`/interactions/${late}/tok/callback`, { type: 4, data: { content: 'hi' } });
    expect([res.status, ((await res.json()) as { code: number }).code]).toEqual([404, 10062]);
  });

  it('archives a thread idle for its auto-archive duration; a message reopens it', async () => {
    const forum = fake.addChannel({ type: ChannelType.GuildForum });
    const made = (await (await post(`/channels/${forum.id}/threads`, { name: 'p', auto_archive_duration: 60, message: { content: 'hi' } })).json()) as {
      id: string;
    };
    const active = async () =>
      ((await (await api(`/guilds/${forum.guild_id}/threads/active`)).json()) as { threads: { id: string }[] }).threads.map((t) => t.id);
    expect(await active()).toEqual([made.id]);
    clock.advance(60 * 60_000);
    expect(await active()).toEqual([]);
    const archived = (await (await api(`/channels/${forum.id}/threads/archived/public`)).json()) as { threads: { id: string }[] };
    expect(archived.threads.map((t) => t.id)).toEqual([made.id]);
    await post(`/channels/${made.id}/messages`, { content: 'back' });
    expect(await active()).toEqual([made.id]);
  });
});
