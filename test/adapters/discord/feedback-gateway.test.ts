import { ChannelType, GatewayDispatchEvents } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reactionInput, replyInput } from '../../../adapters/discord/feedback-gateway.js';
import { LiveFeedback } from '../../../adapters/discord/feedback-memory.js';
import { startDiscord, type RunningDiscord } from '../../../adapters/discord/index.js';
import { createRest } from '../../../adapters/discord/rest.js';
import { ThreadParents } from '../../../adapters/discord/thread-parents.js';
import type { CoreServices, FeedbackInput, FeedbackSink } from '../../../src/chat/adapter.js';
import { fixedClock } from '../../../src/clock.js';
import type { DigestService } from '../../../src/digest/types.js';
import { silentLogger } from '../../../src/log.js';
import type { Stores } from '../../../src/store/types.js';
import { FakeDiscord } from '../../support/fake-discord.js';
import { clearReactions, deleteMessage, person, react, say, unicode, unreact, type Dispatch } from '../../support/fake-discord-feedback.js';
import { recordingSink } from './feedback-fixtures.js';
import { discordChannel, GUILD, key, paperMessage } from './helpers.js';
import { APP_ID, recordingHandler } from './interaction-fixtures.js';

const clock = fixedClock('2026-03-10T09:00:00.000Z');
let fake: FakeDiscord;
let running: RunningDiscord;
let sink: ReturnType<typeof recordingSink>;
/** settled() uses a new marker person each time. */
let markers = 0;

function core(feedback?: FeedbackSink): CoreServices {
  return {
    commands: recordingHandler(),
    stores: {} as Stores,
    digest: () => ({}) as DigestService,
    clock,
    logger: silentLogger(),
    http: null,
    ...(feedback ? { feedback } : {}),
  };
}

beforeEach(async () => {
  markers = 0;
  fake = await new FakeDiscord().start();
  sink = recordingSink();
  running = await startDiscord({ token: fake.token, applicationId: APP_ID, apiUrl: fake.api, skipLogin: true }, core(sink));
});
afterEach(async () => {
  await running.stop();
  await fake.stop();
});

/** Deliver a dispatch the way discord.js's WebSocketManager forwards it. */
function dispatch(x: Dispatch): void {
  running.client?.ws.emit(x.t, x.d, 0);
}

/**
 * Reporting may wait on a channel lookup. Events in one channel are reported
 * in order, so a marker reaction on the post and a marker reply in its thread,
 * once reported, show that everything before them in those channels is through.
 */
async function settled(p: { messageId: string; threadId: string }): Promise<void> {
  const marker = person(100 + markers);
  markers += 1;
  dispatch(react(fake, p.messageId, marker, unicode('✅')));
  dispatch(say(fake, p.threadId, marker));
  const end = Date.now() + 3000;
  const isMarker = (i: FeedbackInput) => i.userId === marker.id && !i.removed;
  while (sink.inputs.filter(isMarker).length < 2) {
    if (Date.now() > end) throw new Error('timed out waiting for the sink');
    await new Promise((r) => setTimeout(r, 5));
  }
  const firstMarker = sink.inputs.findIndex(isMarker);
  const reported = sink.inputs.splice(firstMarker);
  if (reported.length !== 2) throw new Error('an event was reported after the markers');
}

async function postPaper(type: ChannelType = ChannelType.GuildText): Promise<{ channelId: string; messageId: string; threadId: string }> {
  const ch = fake.addChannel({ type });
  const sent = await running.port.send(discordChannel(ch.id), paperMessage(), { idempotencyKey: key(), maybeSent: false });
  if (!sent.threadId) throw new Error('no thread');
  return { channelId: ch.id, messageId: sent.messageId, threadId: sent.threadId };
}

const ada = person(1);
const bob = person(2);

describe('gateway feedback', () => {
  it('reports a reaction added then removed under one event key', async () => {
    const p = await postPaper();
    dispatch(react(fake, p.messageId, ada, unicode('👍')));
    dispatch(unreact(fake, p.messageId, ada, unicode('👍')));
    await settled(p);
    expect(sink.inputs).toEqual([
      {
        channel: discordChannel(p.channelId),
        messageOrThreadId: p.messageId,
        userId: ada.id,
        kind: 'reaction',
        emoji: '👍',
        removed: false,
        eventKey: `${p.messageId}:${ada.id}:👍`,
        at: '2026-03-10T09:00:00.000Z',
      },
      {
        channel: discordChannel(p.channelId),
        messageOrThreadId: p.messageId,
        userId: ada.id,
        kind: 'reaction',
        emoji: '👍',
        removed: true,
        eventKey: `${p.messageId}:${ada.id}:👍`,
        at: '2026-03-10T09:00:00.000Z',
      },
    ]);
  });

  it('names a custom emoji by its name, and keeps each person and emoji apart', async () => {
    const p = await postPaper();
    dispatch(react(fake, p.messageId, ada, { id: '555000000000000001', name: 'arxiv_yes' }));
    dispatch(react(fake, p.messageId, bob, unicode('⭐')));
    dispatch(react(fake, p.messageId, ada, unicode('👎')));
    await settled(p);
    expect(sink.inputs.map((i) => [i.userId, i.emoji, i.eventKey])).toEqual([
      [ada.id, 'arxiv_yes', `${p.messageId}:${ada.id}:arxiv_yes`],
      [bob.id, '⭐', `${p.messageId}:${bob.id}:⭐`],
      [ada.id, '👎', `${p.messageId}:${ada.id}:👎`],
    ]);
  });

  it('ignores the bot’s own reactions, other bots’ reactions and reactions on people’s messages', async () => {
    const p = await postPaper();
    dispatch(react(fake, p.messageId, fake.botUser, unicode('👍')));
    dispatch(unreact(fake, p.messageId, fake.botUser, unicode('👍')));
    dispatch(react(fake, p.messageId, person(9, true), unicode('👍')));
    const chatter = say(fake, p.channelId, bob, 'hello');
    dispatch(react(fake, String(chatter.d.id), ada, unicode('👍')));
    await settled(p);
    expect(sink.inputs).toEqual([]);
  });

  it('reports a reaction on a forum post under the forum, though Discord names the post’s thread', async () => {
    const p = await postPaper(ChannelType.GuildForum);
    expect(p.messageId).toBe(p.threadId);
    const d = react(fake, p.messageId, ada, unicode('🔖'));
    expect(d.d.channel_id).toBe(p.threadId);
    dispatch(d);
    await settled(p);
    expect(sink.inputs).toHaveLength(1);
    expect(sink.inputs[0]).toMatchObject({ channel: discordChannel(p.channelId), messageOrThreadId: p.messageId, emoji: '🔖' });
  });

  it('reports a person’s message in a thread as a reply keyed by the message id, under the thread’s parent channel', async () => {
    const p = await postPaper();
    const msg = say(fake, p.threadId, ada, 'we should try this');
    dispatch(msg);
    await settled(p);
    expect(sink.inputs).toEqual([
      {
        channel: discordChannel(p.channelId),
        messageOrThreadId: p.threadId,
        userId: ada.id,
        kind: 'reply',
        emoji: null,
        removed: false,
        eventKey: String(msg.d.id),
        at: msg.d.timestamp,
      },
    ]);
  });

  it('ignores messages outside threads, the bot’s and other bots’ messages, webhooks and system messages', async () => {
    const p = await postPaper();
    dispatch(say(fake, p.channelId, ada, 'ordinary chatter'));
    dispatch(say(fake, p.threadId, fake.botUser, 'bot talking'));
    dispatch(say(fake, p.threadId, person(9, true), 'another bot'));
    const hook = say(fake, p.threadId, bob);
    dispatch({ t: 'MESSAGE_CREATE', d: { ...hook.d, webhook_id: '1' } });
    const system = say(fake, p.threadId, bob);
    dispatch({ t: 'MESSAGE_CREATE', d: { ...system.d, type: 18 } });
    await settled(p);
    expect(sink.inputs).toEqual([]);
  });

  it('a moderator clearing one emoji, then all reactions, removes what was reported for that message', async () => {
    const p = await postPaper();
    const other = await postPaper();
    dispatch(react(fake, p.messageId, ada, unicode('👍')));
    dispatch(react(fake, p.messageId, bob, unicode('👍')));
    dispatch(react(fake, p.messageId, bob, unicode('⭐')));
    dispatch(react(fake, other.messageId, ada, unicode('👍')));
    dispatch(clearReactions(fake, p.messageId, unicode('👍')));
    await settled(p);
    const removals = () => sink.inputs.filter((i) => i.removed).map((i) => i.eventKey);
    expect(removals().sort()).toEqual([`${p.messageId}:${ada.id}:👍`, `${p.messageId}:${bob.id}:👍`].sort());
    dispatch(clearReactions(fake, p.messageId));
    await settled(p);
    // The first markers' ✅ was live on p too, so it is cleared with the rest.
    expect(removals().sort()).toEqual(
      [`${p.messageId}:${ada.id}:👍`, `${p.messageId}:${bob.id}:👍`, `${p.messageId}:${bob.id}:⭐`, `${p.messageId}:${person(100).id}:✅`].sort(),
    );
    expect(removals().some((k) => k.startsWith(other.messageId))).toBe(false);
    expect(sink.inputs.filter((i) => i.removed).every((i) => i.channel.channelId === p.channelId && i.kind === 'reaction')).toBe(true);
  });

  it('a deleted reply is reported as removed under its own key and author', async () => {
    const p = await postPaper();
    const msg = say(fake, p.threadId, ada, 'on second thought');
    dispatch(msg);
    await settled(p);
    dispatch(deleteMessage(fake, String(msg.d.id)));
    dispatch({ t: 'MESSAGE_DELETE', d: { id: '123', channel_id: p.threadId, guild_id: GUILD } }); // never reported: nothing to undo
    await settled(p);
    expect(sink.inputs.map((i) => [i.kind, i.userId, i.eventKey, i.removed, i.channel.channelId])).toEqual([
      ['reply', ada.id, String(msg.d.id), false, p.channelId],
      ['reply', ada.id, String(msg.d.id), true, p.channelId],
    ]);
  });

  it('keeps listening after the sink fails once', async () => {
    const p = await postPaper();
    sink.failNext = true;
    dispatch(react(fake, p.messageId, ada, unicode('👍')));
    dispatch(react(fake, p.messageId, bob, unicode('👍')));
    await settled(p);
    expect(sink.inputs.map((i) => i.userId)).toEqual([bob.id]);
  });

  it('without a sink, reactions are not listened for', async () => {
    const other = await startDiscord({ token: fake.token, applicationId: APP_ID, apiUrl: fake.api, skipLogin: true }, core());
    expect(other.client?.ws.listenerCount(GatewayDispatchEvents.MessageReactionAdd)).toBe(0);
    expect(running.client?.ws.listenerCount(GatewayDispatchEvents.MessageReactionAdd)).toBe(1);
    await other.stop();
  });
});

describe('dispatch parsing', () => {
  const deps = { botUserIds: () => new Set([APP_ID]), clock };

  it('a message says it is in a thread by its position', () => {
    const msg = { id: '1', channel_id: '610000000000000001', guild_id: GUILD, author: { id: '2' }, type: 19, timestamp: '2026-03-10T08:00:00+00:00' };
    expect(replyInput({ ...msg, position: 3 }, deps)).toMatchObject({
      inThread: true,
      input: { messageOrThreadId: '610000000000000001', kind: 'reply', at: '2026-03-10T08:00:00.000Z' },
    });
    expect(replyInput(msg, deps)?.inThread).toBe(false);
  });

  it('drops payloads it cannot read and events outside a server', () => {
    expect(reactionInput({ user_id: '1' }, false, deps)).toBeNull();
    expect(reactionInput({ user_id: '1', channel_id: '2', message_id: '3', emoji: { id: null, name: '👍' } }, false, deps)).toBeNull();
    expect(reactionInput({ user_id: '1', channel_id: '2', message_id: '3', guild_id: GUILD, emoji: { id: '4', name: null } }, false, deps)).toBeNull();
    expect(replyInput({ id: '1', channel_id: '2', author: { id: '3' }, type: 0, timestamp: 'x', position: 1 }, deps)).toBeNull();
  });
});

describe('live feedback memory', () => {
  const r = (messageId: string, user: string, emoji: string, removed = false): FeedbackInput => ({
    channel: discordChannel('1'),
    messageOrThreadId: messageId,
    userId: user,
    kind: 'reaction',
    emoji,
    removed,
    eventKey: `${messageId}:${user}:${emoji}`,
    at: '2026-03-10T09:00:00.000Z',
  });

  it('forgets removed reactions and the least recently touched message beyond its bound', () => {
    const m = new LiveFeedback(2);
    m.remember(r('a', 'u1', '👍'));
    m.remember(r('a', 'u2', '👍'));
    m.remember(r('a', 'u2', '👍', true));
    m.remember(r('b', 'u1', '👎'));
    m.remember(r('a', 'u3', '⭐')); // touches a: b is now the oldest
    m.remember(r('c', 'u1', '👍'));
    expect(m.takeReactions('b')).toEqual([]);
    expect(m.takeReactions('a').map((x) => x.eventKey)).toEqual(['a:u1:👍', 'a:u3:⭐']);
    expect(m.takeReactions('a')).toEqual([]);
    expect(m.takeReactions('c', '⭐')).toEqual([]);
    expect(m.takeReactions('c', '👍').map((x) => x.userId)).toEqual(['u1']);
  });
});

describe('thread parents', () => {
  it('asks Discord once per channel, and not at all for channels the client cache knows', async () => {
    const p = await postPaper();
    const parents = new ThreadParents(createRest(fake.token, fake.api), silentLogger(), (id) => (id === 'cached-thread' ? 'cached-parent' : undefined));
    expect(await Promise.all([parents.parentOf(p.threadId), parents.parentOf(p.threadId), parents.parentOf(p.channelId)])).toEqual([
      p.channelId,
      p.channelId,
      null,
    ]);
    expect(await parents.parentOf('cached-thread')).toBe('cached-parent');
    expect(await parents.parentOf(p.threadId)).toBe(p.channelId);
    expect(fake.callsTo('GET', `/channels/${p.threadId}`).filter((c) => c.path === `/channels/${p.threadId}`)).toHaveLength(1);
    expect(fake.calls.some((c) => c.path.includes('cached-thread'))).toBe(false);
  });

  it('a failed lookup answers "not a thread" and is asked again next time', async () => {
    const p = await postPaper();
    fake.failWithCode(`/channels/${p.threadId}`, 50001, 1, 'GET');
    const parents = new ThreadParents(createRest(fake.token, fake.api), silentLogger());
    expect(await parents.parentOf(p.threadId)).toBeNull();
    expect(await parents.parentOf(p.threadId)).toBe(p.channelId);
  });
});
