import { ChannelType } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FEEDBACK_LIMITS } from '../../../adapters/discord/feedback-rest.js';
import { createDiscordPort } from '../../../adapters/discord/port.js';
import { createRest } from '../../../adapters/discord/rest.js';
import type { ChatPort, FeedbackSnapshotItem, PostedPaper } from '../../../src/chat/port.js';
import { fixedClock } from '../../../src/clock.js';
import { silentLogger } from '../../../src/log.js';
import { FakeDiscord } from '../../support/fake-discord.js';
import { person, react, say, unicode } from '../../support/fake-discord-feedback.js';
import { discordChannel, key, paperMessage } from './helpers.js';
import { APP_ID } from './interaction-fixtures.js';

const NOW = '2026-03-10T09:00:00.000Z';
let fake: FakeDiscord;
let port: ChatPort;

beforeEach(async () => {
  // These tests post 25 papers to one channel to read them back: the per-channel message bucket
  // (5 per 5 s) would only make them slow, so it is off here; it is tested in port.test.ts.
  fake = await new FakeDiscord(undefined, undefined, { messageBucket: null }).start();
  port = createDiscordPort({
    rest: createRest(fake.token, fake.api),
    logger: silentLogger(),
    collectFeedback: { clock: fixedClock(NOW), botUserIds: new Set([APP_ID]) },
  });
});
afterEach(() => fake.stop());

async function postPapers(n: number, type: ChannelType = ChannelType.GuildText): Promise<{ channelId: string; posts: PostedPaper[] }> {
  const ch = fake.addChannel({ type });
  const posts: PostedPaper[] = [];
  for (let i = 0; i < n; i += 1) {
    const paperId = `2599.${String(i + 1).padStart(5, '0')}`;
    const sent = await port.send(discordChannel(ch.id), paperMessage({ id: paperId, title: `Paper ${i + 1}` }), { idempotencyKey: key(), maybeSent: false });
    posts.push({ paperId, messageId: sent.messageId, threadId: sent.threadId ?? '' });
  }
  return { channelId: ch.id, posts };
}

function collect(channelId: string, posts: readonly PostedPaper[]) {
  if (!port.collectFeedback) throw new Error('port has no collectFeedback');
  return port.collectFeedback(discordChannel(channelId), posts);
}

const byKey = (a: FeedbackSnapshotItem, b: FeedbackSnapshotItem) => (a.eventKey < b.eventKey ? -1 : 1);
const ada = person(1);
const bob = person(2);

describe('collectFeedback (HTTP interactions mode)', () => {
  it('reads who reacted with what and who replied in each paper’s thread, leaving bots out', async () => {
    const { channelId, posts } = await postPapers(2);
    const [p1, p2] = posts as [PostedPaper, PostedPaper];
    react(fake, p1.messageId, ada, unicode('👍'));
    react(fake, p1.messageId, bob, unicode('👍'));
    react(fake, p1.messageId, fake.botUser, unicode('👍'));
    react(fake, p1.messageId, ada, { id: '555000000000000001', name: 'arxiv_yes' });
    react(fake, p2.messageId, bob, unicode('👎'));
    react(fake, p2.messageId, person(9, true), unicode('⭐'));
    const r1 = say(fake, p1.threadId, ada, 'nice');
    const r2 = say(fake, p1.threadId, ada, 'really');
    say(fake, p1.threadId, fake.botUser, 'bot');
    const r3 = say(fake, p2.threadId, bob, 'meh');

    const result = await collect(channelId, posts);
    const reaction = (p: PostedPaper, u: string, emoji: string): FeedbackSnapshotItem => ({
      messageOrThreadId: p.messageId,
      userId: u,
      kind: 'reaction',
      emoji,
      eventKey: `${p.messageId}:${u}:${emoji}`,
      at: NOW,
    });
    const reply = (p: PostedPaper, u: string, d: { d: Record<string, unknown> }): FeedbackSnapshotItem => ({
      messageOrThreadId: p.threadId,
      userId: u,
      kind: 'reply',
      emoji: null,
      eventKey: String(d.d.id),
      at: String(d.d.timestamp),
    });
    expect([...result.snapshot].sort(byKey)).toEqual(
      [
        reaction(p1, ada.id, '👍'),
        reaction(p1, bob.id, '👍'),
        reaction(p1, ada.id, 'arxiv_yes'),
        reaction(p2, bob.id, '👎'),
        reply(p1, ada.id, r1),
        reply(p1, ada.id, r2),
        reply(p2, bob.id, r3),
      ].sort(byKey),
    );
    expect(result.covered).toEqual([p2.messageId, p1.messageId]);
    // The custom emoji is asked for as name:id, the unicode one by its character.
    expect(fake.callsTo('GET', `/channels/${channelId}/messages/${p1.messageId}/reactions/arxiv_yes:555000000000000001`)).toHaveLength(1);
    expect(fake.callsTo('GET', `/channels/${channelId}/messages/${p1.messageId}/reactions/👍`)).toHaveLength(1);
  });

  it('reads a forum post’s starter message in its thread and does not count it as a reply', async () => {
    const { channelId, posts } = await postPapers(1, ChannelType.GuildForum);
    const [p] = posts as [PostedPaper];
    react(fake, p.messageId, ada, unicode('🔖'));
    const r = say(fake, p.threadId, bob, 'follow-up');
    const result = await collect(channelId, posts);
    expect(result.snapshot.map((i) => [i.kind, i.userId, i.emoji, i.eventKey])).toEqual([
      ['reaction', ada.id, '🔖', `${p.messageId}:${ada.id}:🔖`],
      ['reply', bob.id, null, String(r.d.id)],
    ]);
    expect(result.covered).toEqual([p.messageId]);
    expect(fake.callsTo('GET', `/channels/${p.threadId}/messages/${p.messageId}`)).toHaveLength(2);
  });

  it('posts without any engagement are covered with nothing in the snapshot, in three requests or fewer each', async () => {
    const { channelId, posts } = await postPapers(3);
    const before = fake.calls.length;
    const result = await collect(channelId, posts);
    expect(result).toEqual({ snapshot: [], covered: posts.map((p) => p.messageId).reverse() });
    // One channel lookup was already cached by the sends; per post: the message and its thread.
    expect(fake.calls.length - before).toBe(6);
  });

  it('reads only the newest FEEDBACK_LIMITS.posts posts and a bounded number of emoji per post', async () => {
    const { channelId, posts } = await postPapers(FEEDBACK_LIMITS.posts + 5);
    const heavy = posts[posts.length - 1] as PostedPaper;
    const emoji = ['👍', '⭐', '🔖', '👎', '🎉', '❤️', '🚀', '👀', '🤔', '😂', '🙏', '💯'];
    for (const [i, e] of emoji.entries()) react(fake, heavy.messageId, person(i), unicode(e));
    const before = fake.calls.length;
    const result = await collect(channelId, posts);
    expect(result.covered).toHaveLength(FEEDBACK_LIMITS.posts - 1); // the heavy post was not read completely
    expect(result.covered).not.toContain(heavy.messageId);
    expect(result.snapshot).toHaveLength(FEEDBACK_LIMITS.emoji);
    expect(fake.calls.length - before).toBe(FEEDBACK_LIMITS.posts * 2 + FEEDBACK_LIMITS.emoji);
    const read = new Set(fake.calls.filter((c) => c.method === 'GET').map((c) => c.path.split('/')[4]));
    for (const p of posts.slice(0, 5)) expect(read.has(p.messageId)).toBe(false);
  });

  it('a thread with a full page of messages is read but its post is not counted as covered', async () => {
    const { channelId, posts } = await postPapers(1);
    const [p] = posts as [PostedPaper];
    for (let i = 0; i < FEEDBACK_LIMITS.page + 1; i += 1) say(fake, p.threadId, person(i % 7));
    const result = await collect(channelId, posts);
    expect(result.snapshot).toHaveLength(FEEDBACK_LIMITS.page);
    expect(result.covered).toEqual([]);
  });

  it('stops at the first 403 in a channel instead of asking again for every post', async () => {
    const { channelId, posts } = await postPapers(5);
    fake.failWithCode(`/channels/${channelId}/messages`, 50001, 100, 'GET');
    const result = await collect(channelId, posts);
    expect(result).toEqual({ snapshot: [], covered: [] });
    expect(fake.callsTo('GET', `/channels/${channelId}/messages`)).toHaveLength(1);
  });

  it('stops at a 401 too', async () => {
    const { channelId, posts } = await postPapers(3);
    fake.fail({ path: `/channels/${channelId}/messages`, method: 'GET', status: 401, body: { code: 0, message: '401: Unauthorized' }, times: 100 });
    const result = await collect(channelId, posts);
    expect(result.covered).toEqual([]);
    expect(fake.callsTo('GET', `/channels/${channelId}/messages`)).toHaveLength(1);
  });

  it('a deleted post is skipped (not covered, so nothing of it is taken as removed) and the others are read', async () => {
    const { channelId, posts } = await postPapers(3);
    const [p1, p2, p3] = posts as [PostedPaper, PostedPaper, PostedPaper];
    react(fake, p3.messageId, ada, unicode('⭐'));
    fake.messages.splice(
      fake.messages.findIndex((m) => m.id === p2.messageId),
      1,
    );
    const result = await collect(channelId, posts);
    expect(result.covered).toEqual([p3.messageId, p1.messageId]);
    expect(result.snapshot.map((i) => i.eventKey)).toEqual([`${p3.messageId}:${ada.id}:⭐`]);
  });

  it('gives up on a channel after a few failures that are not access errors', async () => {
    const { channelId, posts } = await postPapers(8);
    fake.failWithCode(`/channels/${channelId}/messages/`, 10008, 100, 'GET');
    const result = await collect(channelId, posts);
    expect(result.covered).toEqual([]);
    expect(fake.callsTo('GET', `/channels/${channelId}/messages/`)).toHaveLength(FEEDBACK_LIMITS.failures);
  });

  it('waits out a 429 on the reactions route and still reads the post', async () => {
    const { channelId, posts } = await postPapers(1);
    const [p] = posts as [PostedPaper];
    react(fake, p.messageId, ada, unicode('👍'));
    fake.rateLimit(`/channels/${channelId}/messages/${p.messageId}/reactions`, 0.05);
    const result = await collect(channelId, posts);
    expect(result.covered).toEqual([p.messageId]);
    expect(result.snapshot.map((i) => i.userId)).toEqual([ada.id]);
  });

  it('the gateway-mode and one-shot ports do not poll', () => {
    const plain = createDiscordPort({ rest: createRest(fake.token, fake.api), logger: silentLogger() });
    expect(plain.collectFeedback).toBeUndefined();
  });
});
