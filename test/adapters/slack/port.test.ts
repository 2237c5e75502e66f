import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPostingClient } from '../../../adapters/slack/client.js';
import { createSlackPort } from '../../../adapters/slack/port.js';
import type { ChatPort, OutboundMessage } from '../../../src/chat/port.js';
import { fixedClock } from '../../../src/clock.js';
import { silentLogger } from '../../../src/log.js';
import { FakeSlack } from '../../support/fake-slack.js';
import { paperView, slackChannel } from './helpers.js';
import { chatFailure } from '../../support/chat-failure.js';

let fake: FakeSlack;
let port: ChatPort;
let slept: number[];
// Starts at the real time: the fake stamps messages with real ts, and recovery looks back from the clock.
const clock = fixedClock(new Date());

const paper = (id = '2599.00001', title = 'Fixture paper'): OutboundMessage => ({ kind: 'paper', paper: paperView({ id, title }) });
const opts = (key: string, maybeSent = false) => ({ idempotencyKey: key, maybeSent });

const failure = chatFailure;

beforeEach(async () => {
  // The fake keeps the test's time: rate windows and message ts move with the injected sleep.
  fake = await FakeSlack.start({ now: () => clock.now().getTime() });
  slept = [];
  port = createSlackPort({
    client: createPostingClient(fake.token, silentLogger(), { apiUrl: fake.apiUrl }),
    logger: silentLogger(),
    clock,
    channelIntervalMs: 1000,
    // Pacing is observed through the injected sleep; the clock moves as if the wait happened.
    sleep: async (ms) => {
      slept.push(ms);
      clock.advance(ms);
    },
  });
});
afterEach(() => fake.close());

describe('Slack chat port: posting', () => {
  it('posts a paper with metadata and returns its ts as message and thread', async () => {
    const sent = await port.send(slackChannel('C1'), paper('2599.00007'), opts('key-7'));
    const [post] = fake.posts('C1');
    expect(post).toBeDefined();
    expect(sent).toEqual({ messageId: post?.ts, threadId: post?.ts });
    expect(post?.metadata).toEqual({ event_type: 'paperboy_post', event_payload: { idempotency_key: 'key-7', paper_id: '2599.00007' } });
    expect(fake.callsTo('chat.postMessage')[0]?.token).toBe(fake.token);
  });

  it('posts a header without a thread', async () => {
    const sent = await port.send(
      slackChannel('C1'),
      { kind: 'header', count: 2, rules: ['pruning'], date: '2026-03-10T08:00:00Z', timezone: 'UTC' },
      opts('h'),
    );
    expect(sent.threadId).toBeNull();
    expect(fake.posts('C1')[0]?.text).toBe('2 new papers for pruning — Tue 10 Mar');
  });

  it('posts a title containing <!channel> and & harmlessly, and Slack accepts the blocks', async () => {
    await port.send(slackChannel('C1'), paper('2599.00002', 'Attention <!channel> & <@U999> is all'), opts('k'));
    const post = fake.posts('C1')[0];
    const json = JSON.stringify(post?.blocks) + (post?.text ?? '');
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<@U999>');
    expect(json).toContain('Attention &lt;!channel&gt; &amp; &lt;@U999&gt; is all');
  });

  it('falls back to plain text when Slack rejects the blocks', async () => {
    fake.failNext('chat.postMessage', 'invalid_blocks');
    const sent = await port.send(slackChannel('C1'), paper(), opts('k'));
    const calls = fake.callsTo('chat.postMessage');
    expect(calls).toHaveLength(2);
    expect(calls[1]?.body.blocks).toBeUndefined();
    expect(fake.posts('C1')[0]?.ts).toBe(sent.messageId);
  });

  it('paces posts to one channel at least the interval apart, but not posts to different channels', async () => {
    await port.send(slackChannel('C1'), paper(), opts('a'));
    await port.send(slackChannel('C2'), paper(), opts('b'));
    expect(slept).toEqual([]);
    await port.send(slackChannel('C1'), paper(), opts('c'));
    expect(slept).toEqual([1000]);
  });

  it('serialises concurrent posts to one channel, in order, one interval apart', async () => {
    await Promise.all(['x', 'y', 'z'].map((k) => port.send(slackChannel('C1'), paper(k, `title ${k}`), opts(k))));
    expect(slept).toEqual([1000, 1000]);
    expect(fake.posts('C1').map((p) => (p.metadata as { event_payload: { paper_id: string } }).event_payload.paper_id)).toEqual(['x', 'y', 'z']);
  });
});

describe('Slack chat port: links', () => {
  it("links a post with Slack's own permalink (the workspace's URL), and says null when Slack cannot find the message", async () => {
    const sent = await port.send(slackChannel('C1'), paper('2599.00009'), opts('key-9'));
    const post = { paperId: '2599.00009', messageId: sent.messageId, threadId: sent.messageId };
    const link = await port.permalink?.(slackChannel('C1'), post);
    expect(link).toBe(`https://fake-workspace.slack.com/archives/C1/p${sent.messageId.replace('.', '')}`);
    expect(fake.callsTo('chat.getPermalink')[0]?.body).toMatchObject({ channel: 'C1', message_ts: sent.messageId });
    expect(await port.permalink?.(slackChannel('C1'), { ...post, messageId: '1.000001' })).toBeNull();
  });
});

describe('Slack chat port: errors', () => {
  it('joins a public channel on not_in_channel and posts once', async () => {
    fake.setChannel('CPUB', 'public');
    const sent = await port.send(slackChannel('CPUB'), paper(), opts('k'));
    expect(fake.callsTo('conversations.join').map((c) => c.body.channel)).toEqual(['CPUB']);
    expect(fake.posts('CPUB').map((p) => p.ts)).toEqual([sent.messageId]);
  });

  it('a private channel the bot was not invited to answers channel_not_found: paused with a reason that says to invite the bot', async () => {
    fake.setChannel('CPRIV', 'private');
    const err = await failure(port.send(slackChannel('CPRIV'), paper(), opts('k')));
    expect({ kind: err.kind, code: err.details.code }).toEqual({ kind: 'channel', code: 'channel_not_found' });
    expect(err.message).toContain('/invite @Paperboy');
    // Slack never says not_in_channel here, so no join is tried.
    expect(fake.callsTo('conversations.join')).toHaveLength(0);
    expect(fake.posts('CPRIV')).toEqual([]);
  });

  it('asks for an invite when a public channel cannot be joined (no channels:join scope)', async () => {
    fake.setChannel('CPUB', 'public');
    fake.failNext('conversations.join', 'missing_scope');
    const err = await failure(port.send(slackChannel('CPUB'), paper(), opts('k')));
    expect(err.kind).toBe('channel');
    expect(err.message).toContain('invite the bot with /invite @Paperboy');
  });

  it.each([
    ['missing', 'channel_not_found'],
    ['archived', 'is_archived'],
  ] as const)('pauses the channel when it is %s (%s)', async (state, code) => {
    fake.setChannel('CX', state);
    const err = await failure(port.send(slackChannel('CX'), paper(), opts('k')));
    expect({ kind: err.kind, code: err.details.code }).toEqual({ kind: 'channel', code });
  });

  it.each(['account_inactive', 'invalid_auth', 'token_revoked'])('pauses the workspace on %s', async (code) => {
    fake.failNext('chat.postMessage', code);
    const err = await failure(port.send(slackChannel('C1'), paper(), opts('k')));
    expect({ kind: err.kind, code: err.details.code, scope: err.details.scope }).toEqual({ kind: 'token', code, scope: 'workspace' });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('treats a wrong token as invalid_auth without any retry', async () => {
    const badPort = createSlackPort({ client: createPostingClient('xoxb-wrong', silentLogger(), { apiUrl: fake.apiUrl }), logger: silentLogger(), clock });
    const err = await failure(badPort.send(slackChannel('C1'), paper(), opts('k')));
    expect(err.details).toMatchObject({ code: 'invalid_auth', scope: 'workspace' });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('reports a code no table row names as unknown', async () => {
    fake.failNext('chat.postMessage', 'something_slack_added_later');
    const err = await failure(port.send(slackChannel('C1'), paper(), opts('k')));
    expect({ kind: err.kind, code: err.details.code }).toEqual({ kind: 'unknown', code: 'something_slack_added_later' });
  });

  it('a message whose plain-text fallback is refused too fails as about the message', async () => {
    fake.failNext('chat.postMessage', 'invalid_blocks').failNext('chat.postMessage', 'msg_too_long');
    const err = await failure(port.send(slackChannel('C1'), paper(), opts('k')));
    expect({ kind: err.kind, code: err.details.code }).toEqual({ kind: 'message', code: 'msg_too_long' });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it('a cut connection is transient (the post may have gone through)', async () => {
    fake.dropResponseNext('chat.postMessage');
    const err = await failure(port.send(slackChannel('C1'), paper(), opts('k')));
    expect(err.kind).toBe('transient');
    expect(fake.posts('C1')).toHaveLength(1);
  });

  it('honours Retry-After: reports it and holds the channel off that long', async () => {
    fake.rateLimitNext('chat.postMessage', 3);
    const err = await failure(port.send(slackChannel('C1'), paper(), opts('k')));
    expect(err).toMatchObject({ kind: 'rate_limited', details: { retryAfterMs: 3000 } });
    expect(fake.posts('C1')).toEqual([]);
    await port.send(slackChannel('C1'), paper(), opts('k'));
    expect(slept).toEqual([3000]);
    expect(fake.posts('C1')).toHaveLength(1);
  });
});

describe('Slack chat port: recovery after a crash', () => {
  it('finds the earlier post by its idempotency key instead of posting twice', async () => {
    await port.send(slackChannel('C1'), paper('2599.00001'), opts('key-1'));
    const first = await port.send(slackChannel('C1'), paper('2599.00002'), opts('key-2'));
    await port.send(slackChannel('C1'), paper('2599.00003'), opts('key-3'));
    const again = await port.send(slackChannel('C1'), paper('2599.00002'), opts('key-2', true));
    expect(again).toEqual(first);
    expect(fake.posts('C1')).toHaveLength(3);
    expect(fake.callsTo('conversations.history')[0]?.body).toMatchObject({ channel: 'C1', include_all_metadata: 'true' });
  });

  it("pages back through people's messages to find the earlier post", async () => {
    const first = await port.send(slackChannel('C1'), paper('2599.00001'), opts('key-1'));
    for (let i = 0; i < 40; i++) fake.addHumanMessage('C1', `chatter ${i}`);
    const again = await port.send(slackChannel('C1'), paper('2599.00001'), { ...opts('key-1', true), firstAttemptAt: clock.now().toISOString() });
    expect(again).toEqual(first);
    expect(fake.posts('C1').filter((p) => !p.user)).toHaveLength(1);
    // 41 messages, 15 a page: three reads, the later two each after the minute Slack asks for.
    expect(fake.callsTo('conversations.history').length - fake.rateLimited.length).toBe(3);
    expect(slept.filter((ms) => ms === 60_000)).toHaveLength(2);
  });

  it('when history answers 429 (about one call a minute), it waits and looks again; it never posts blind', async () => {
    const first = await port.send(slackChannel('C1'), paper('2599.00001'), opts('key-1'));
    fake.rateLimitFor('conversations.history', 60);
    expect(await port.send(slackChannel('C1'), paper('2599.00001'), opts('key-1', true))).toEqual(first);
    expect(slept).toContain(60_000);
    // A longer wait is left to a later attempt of the delivery, still without posting.
    fake.rateLimitFor('conversations.history', 3600);
    const err = await failure(port.send(slackChannel('C1'), paper('2599.00001'), opts('key-1', true)));
    expect(err).toMatchObject({ kind: 'rate_limited', details: { retryAfterMs: 3_600_000 } });
    expect(fake.posts('C1')).toHaveLength(1);
  });

  it('posts when no earlier post carries the key, and reads history only when maybeSent', async () => {
    await port.send(slackChannel('C1'), paper(), opts('key-1'));
    expect(fake.callsTo('conversations.history')).toHaveLength(0);
    await port.send(slackChannel('C1'), paper(), opts('key-2', true));
    expect(fake.callsTo('conversations.history')).toHaveLength(1);
    expect(fake.posts('C1')).toHaveLength(2);
  });

  it('tells the subscribers by direct message when a channel is paused', async () => {
    await port.notifyPaused?.(slackChannel('C1'), 'the channel is archived', ['U1', 'U2', 'U1']);
    expect(fake.posts().map((p) => p.channel)).toEqual(['U1', 'U2']);
    expect(fake.posts()[0]?.text).toContain('the channel is archived');
  });
});
