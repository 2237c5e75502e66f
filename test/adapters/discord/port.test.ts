import { ChannelType } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatError, type ChatPort } from '../../../src/chat/port.js';
import { silentLogger } from '../../../src/log.js';
import { createDiscordPort } from '../../../adapters/discord/port.js';
import { createRest } from '../../../adapters/discord/rest.js';
import { FakeDiscord } from '../../support/fake-discord.js';
import { discordChannel, GUILD, key, paperMessage } from './helpers.js';

let fake: FakeDiscord;
let port: ChatPort;

beforeEach(async () => {
  fake = await new FakeDiscord().start();
  port = createDiscordPort({ rest: createRest(fake.token, fake.api), logger: silentLogger() });
});
afterEach(() => fake.stop());

const send = { maybeSent: false };

describe('text channel', () => {
  it('posts the header as content and each paper as an embed with a thread named after it', async () => {
    const ch = fake.addChannel({ type: ChannelType.GuildText });
    const ref = discordChannel(ch.id);
    const header = await port.send(
      ref,
      { kind: 'header', count: 2, rules: ['pruning'], date: '2026-03-10T08:00:00Z', timezone: 'UTC' },
      { idempotencyKey: key(), ...send },
    );
    const long = 'Sparse '.repeat(30).trim();
    const a = await port.send(ref, paperMessage({ title: long }), { idempotencyKey: key(), ...send });
    const b = await port.send(ref, paperMessage({ id: '2599.00002', title: 'Second paper' }), { idempotencyKey: key(), ...send });

    expect(header.threadId).toBeNull();
    const msgs = fake.messagesIn(ch.id);
    expect(msgs).toHaveLength(3);
    expect(msgs[0]?.content).toContain('2 new papers for pruning');
    expect(msgs[1]?.embeds[0]?.title).toBe(long);
    expect(fake.threads.map((t) => t.parent_id)).toEqual([ch.id, ch.id]);
    expect(a.threadId).toBe(fake.threads[0]?.id);
    expect(b.threadId).toBe(fake.threads[1]?.id);
    expect(fake.threads[0]?.name?.length).toBeLessThanOrEqual(100);
    expect(fake.threads[0]?.name?.endsWith('…')).toBe(true);
    expect(fake.threads[1]?.name).toBe('Second paper');
    // The channel type is asked once, not per message.
    expect(fake.callsTo('GET', `/channels/${ch.id}`)).toHaveLength(1);
  });

  it('sends the idempotency key as an enforced nonce, and a retry finds the earlier message and thread before posting', async () => {
    const ch = fake.addChannel({ type: ChannelType.GuildText });
    const k = key();
    const first = await port.send(discordChannel(ch.id), paperMessage(), { idempotencyKey: k, maybeSent: false });
    const again = await port.send(discordChannel(ch.id), paperMessage(), { idempotencyKey: k, maybeSent: true });
    expect(again).toEqual(first);
    expect(fake.messagesIn(ch.id)).toHaveLength(1);
    expect(fake.threads).toHaveLength(1);
    const posts = fake.callsTo('POST', `/channels/${ch.id}/messages`).filter((c) => c.path.endsWith('/messages'));
    expect(posts.map((c) => [c.body?.nonce, c.body?.enforce_nonce])).toEqual([[k, true]]);
    expect(fake.callsTo('GET', `/channels/${ch.id}/messages`)).toHaveLength(1);
  });

  it('keeps the post when the thread cannot be started for lack of permission', async () => {
    const ch = fake.addChannel({ type: ChannelType.GuildText });
    fake.failWithCode(`/channels/${ch.id}/messages/`, 50013);
    const sent = await port.send(discordChannel(ch.id), paperMessage(), { idempotencyKey: key(), ...send });
    expect(sent.threadId).toBeNull();
    expect(fake.messagesIn(ch.id)).toHaveLength(1);
  });
});

describe('forum channel', () => {
  it('makes each paper a forum post tagged with the matched rules the forum has (unmoderated) tags for', async () => {
    const forum = fake.addChannel({
      type: ChannelType.GuildForum,
      available_tags: [
        { id: 't1', name: 'Pruning' },
        { id: 't2', name: 'diffusion' },
        { id: 't3', name: 'other' },
        { id: 't4', name: 'sparsity', moderated: true },
      ],
    });
    const ref = discordChannel(forum.id);
    const header = await port.send(
      ref,
      { kind: 'header', count: 1, rules: ['pruning'], date: '2026-03-10T08:00:00Z', timezone: 'UTC' },
      { idempotencyKey: key(), ...send },
    );
    const sent = await port.send(ref, paperMessage({ title: 'Pruned diffusion', matchedRules: ['pruning', 'diffusion', 'no such tag', 'sparsity'] }), {
      idempotencyKey: key(),
      ...send,
    });

    expect(header.threadId).toBeNull();
    expect(fake.threads).toHaveLength(1);
    const post = fake.threads[0];
    expect(post?.parent_id).toBe(forum.id);
    expect(post?.name).toBe('Pruned diffusion');
    expect(post?.applied_tags).toEqual(['t1', 't2']);
    expect(sent).toEqual({ messageId: post?.id, threadId: post?.id });
    expect(fake.messagesIn(post?.id ?? '')[0]?.embeds[0]?.title).toBe('Pruned diffusion');
    // A forum has no message box: nothing was posted to the forum itself.
    expect(fake.callsTo('POST', `/channels/${forum.id}/messages`)).toHaveLength(0);
  });

  it('finds its earlier post instead of posting again when a send may have gone through', async () => {
    const forum = fake.addChannel({ type: ChannelType.GuildForum, guild_id: GUILD });
    const k = key();
    const first = await port.send(discordChannel(forum.id), paperMessage(), { idempotencyKey: k, maybeSent: false });
    const again = await port.send(discordChannel(forum.id), paperMessage(), { idempotencyKey: k, maybeSent: true });
    expect(again).toEqual(first);
    expect(fake.threads).toHaveLength(1);
  });
});

describe('errors', () => {
  it.each([
    [50001, 'Missing Access'],
    [50013, 'Missing Permissions'],
    [10003, 'Unknown Channel'],
  ])('%i pauses the channel, sent once', async (code, words) => {
    const ch = fake.addChannel({ type: ChannelType.GuildText });
    fake.failWithCode(`/channels/${ch.id}/messages`, code, 5, 'POST');
    const err = await port.send(discordChannel(ch.id), paperMessage(), { idempotencyKey: key(), ...send }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChatError);
    expect((err as ChatError).kind).toBe('channel');
    expect((err as ChatError).details).toMatchObject({ code: String(code) });
    expect((err as ChatError).message).toContain(words);
    expect(fake.callsTo('POST', `/channels/${ch.id}/messages`)).toHaveLength(1);
  });

  it('an unknown channel on the type lookup pauses the channel too', async () => {
    const err = await port.send(discordChannel('123456789012345678'), paperMessage(), { idempotencyKey: key(), ...send }).catch((e: unknown) => e);
    expect((err as ChatError).kind).toBe('channel');
    expect((err as ChatError).details.code).toBe('10003');
  });

  it('waits out a 429 through the REST queue and then posts', async () => {
    const ch = fake.addChannel({ type: ChannelType.GuildText });
    fake.rateLimit(`/channels/${ch.id}/messages`, 0.05);
    const started = Date.now();
    await port.send(discordChannel(ch.id), { kind: 'more', remaining: 3 }, { idempotencyKey: key(), ...send });
    expect(Date.now() - started).toBeGreaterThanOrEqual(40);
    expect(fake.callsTo('POST', `/channels/${ch.id}/messages`)).toHaveLength(2);
    expect(fake.messagesIn(ch.id)).toHaveLength(1);
  });

  it('5xx is transient', async () => {
    const ch = fake.addChannel({ type: ChannelType.GuildText });
    fake.fail({ path: `/channels/${ch.id}/messages`, status: 502, body: { message: 'bad gateway' }, times: 10 });
    const err = await port.send(discordChannel(ch.id), paperMessage(), { idempotencyKey: key(), ...send }).catch((e: unknown) => e);
    expect((err as ChatError).kind).toBe('transient');
  });

  it("a rejected token pauses the whole bot, and so does the client's later 'Expected token to be set'", async () => {
    const ch = fake.addChannel({ type: ChannelType.GuildText });
    const bad = createDiscordPort({ rest: createRest('wrong', fake.api), logger: silentLogger() });
    const err = await bad.send(discordChannel(ch.id), paperMessage(), { idempotencyKey: key(), ...send }).catch((e: unknown) => e);
    expect((err as ChatError).kind).toBe('token');
    expect((err as ChatError).details.scope).toBe('bot');
    // discord.js cleared its token after the 401: the next call fails before reaching Discord.
    const calls = fake.calls.length;
    const later = await bad.send(discordChannel(ch.id), paperMessage(), { idempotencyKey: key(), ...send }).catch((e: unknown) => e);
    expect(fake.calls.length).toBe(calls);
    expect((later as ChatError).cause).toMatchObject({ message: expect.stringMatching(/^Expected token to be set/) });
    expect({ kind: (later as ChatError).kind, scope: (later as ChatError).details.scope }).toEqual({ kind: 'token', scope: 'bot' });
  });

  it('tells subscribers of a paused channel by direct message, skipping ones it cannot reach', async () => {
    fake.fail({ path: '/channels/', method: 'POST', status: 403, body: { code: 50007, message: 'Cannot send messages to this user' }, times: 1 });
    await port.notifyPaused?.(discordChannel('4242'), 'Discord: Missing Access', ['111111111111', '222222222222', '111111111111']);
    expect(fake.callsTo('POST', '/users/@me/channels').map((c) => c.body?.recipient_id)).toEqual(['111111111111', '222222222222']);
    const dms = fake.messages.filter((m) => m.content.includes('<#4242>'));
    expect(dms).toHaveLength(1);
    expect(dms[0]?.content).toContain('Missing Access');
  });
});
