import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSlack } from '../../../adapters/slack/index.js';
import type { RunningAdapter } from '../../../src/chat/adapter.js';
import { FakeSlack } from '../../support/fake-slack.js';
import { TestRoutes } from '../../support/http-routes.js';
import { RecordingSink } from './feedback-sink.js';
import { RecordingCommands, SECRET, testCore } from './helpers.js';
import { eventCallback, postToSlackEvents } from './signed.js';

let fake: FakeSlack;
let routes: TestRoutes;
let sink: RecordingSink;
let adapter: RunningAdapter;

const PAPER_TS = '1764230400.000100';
// 2025-11-27T08:00:00Z, 8 seconds after the paper post, plus microseconds Slack adds.
const LATER_TS = '1764230408.123400';

let nextEvent = 0;
const send = async (event: Record<string, unknown>, opts: { eventId?: string; retry?: boolean } = {}) => {
  const req = eventCallback(event, opts.eventId ?? `Ev${++nextEvent}`);
  const res = await postToSlackEvents(routes.url, opts.retry ? { ...req, headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } } : req);
  expect(res.status).toBe(200);
};
/** Sends a marker reaction the sink must see: once it arrives, every event sent before it was handled. */
const settle = async (): Promise<void> => {
  const before = sink.inputs.length;
  await send(reaction('reaction_added', 'UMARK', 'eyes'));
  await expect.poll(() => sink.inputs.length, { timeout: 3000 }).toBeGreaterThan(before);
  expect(sink.inputs.pop()?.userId).toBe('UMARK');
};

function reaction(type: 'reaction_added' | 'reaction_removed', user: string, name: string, over: Record<string, unknown> = {}) {
  return { type, user, reaction: name, item_user: fake.botUserId, item: { type: 'message', channel: 'C1', ts: PAPER_TS }, event_ts: LATER_TS, ...over };
}
function threadMessage(over: Record<string, unknown> = {}) {
  return {
    type: 'message',
    channel: 'C1',
    channel_type: 'channel',
    user: 'U7',
    text: 'nice result',
    ts: LATER_TS,
    thread_ts: PAPER_TS,
    event_ts: LATER_TS,
    team: 'TFAKE',
    ...over,
  };
}

beforeEach(async () => {
  fake = await FakeSlack.start();
  routes = new TestRoutes();
  sink = new RecordingSink();
  await routes.listen();
  const core = { ...testCore(new RecordingCommands(), routes), feedback: sink };
  adapter = await startSlack({ botToken: fake.token, signingSecret: SECRET, apiUrl: fake.apiUrl, botId: fake.botId, botUserId: fake.botUserId }, core);
});
afterEach(async () => {
  await adapter.stop();
  await routes.close();
  await fake.close();
});

describe('Slack feedback: reactions', () => {
  it('reports a reaction on a message with its channel, message, user, emoji, key and time', async () => {
    await send(reaction('reaction_added', 'U7', '+1::skin-tone-2'));
    await expect.poll(() => sink.inputs.length, { timeout: 3000 }).toBe(1);
    expect(sink.inputs[0]).toEqual({
      channel: { platform: 'slack', workspaceId: 'TFAKE', channelId: 'C1' },
      messageOrThreadId: PAPER_TS,
      userId: 'U7',
      kind: 'reaction',
      emoji: '+1::skin-tone-2',
      removed: false,
      eventKey: `C1:${PAPER_TS}:U7:+1::skin-tone-2`,
      at: '2025-11-27T08:00:08.123Z',
    });
  });

  it('reports a removal with removed=true and the same key as the reaction', async () => {
    await send(reaction('reaction_added', 'U7', 'star'));
    await send(reaction('reaction_removed', 'U7', 'star', { event_ts: '1764230500.000001' }));
    await expect.poll(() => sink.inputs.length, { timeout: 3000 }).toBe(2);
    const [added, removed] = sink.inputs;
    expect(added?.removed).toBe(false);
    expect(removed?.removed).toBe(true);
    expect(removed?.eventKey).toBe(added?.eventKey);
    expect(removed?.eventKey).toBe(`C1:${PAPER_TS}:U7:star`);
    expect(removed?.at).toBe('2025-11-27T08:01:40.000Z');
  });

  it('reports an event Slack redelivers (same event_id, x-slack-retry-num) once', async () => {
    await send(reaction('reaction_added', 'U7', '-1'), { eventId: 'EvSAME' });
    await send(reaction('reaction_added', 'U7', '-1'), { eventId: 'EvSAME', retry: true });
    await send(reaction('reaction_added', 'U7', '-1'), { eventId: 'EvSAME', retry: true });
    await settle();
    expect(sink.inputs.map((i) => [i.eventKey, i.removed])).toEqual([[`C1:${PAPER_TS}:U7:-1`, false]]);
  });

  it("ignores the bot's own reactions and reactions on files", async () => {
    await send(reaction('reaction_added', fake.botUserId, '+1'));
    await send(reaction('reaction_added', 'U7', '+1', { item: { type: 'file', file: 'F1' } }));
    await settle();
    expect(sink.inputs).toEqual([]);
  });

  it('keeps going after the sink fails', async () => {
    sink.fail = true;
    await send(reaction('reaction_added', 'U7', 'bookmark'));
    await expect.poll(() => sink.inputs.length, { timeout: 3000 }).toBe(1);
    sink.fail = false;
    await send(reaction('reaction_added', 'U8', 'bookmark'));
    await expect.poll(() => sink.inputs.map((i) => i.userId), { timeout: 3000 }).toEqual(['U7', 'U8']);
  });
});

describe('Slack feedback: thread replies', () => {
  it('reports a human reply in a thread as a reply on the thread parent', async () => {
    await send(threadMessage());
    await expect.poll(() => sink.inputs.length, { timeout: 3000 }).toBe(1);
    expect(sink.inputs[0]).toEqual({
      channel: { platform: 'slack', workspaceId: 'TFAKE', channelId: 'C1' },
      messageOrThreadId: PAPER_TS,
      userId: 'U7',
      kind: 'reply',
      emoji: null,
      removed: false,
      eventKey: `C1:${LATER_TS}`,
      at: '2025-11-27T08:00:08.123Z',
    });
  });

  it('counts "also send to channel" replies, and a deleted reply as the removal of its key', async () => {
    await send(threadMessage({ subtype: 'thread_broadcast', user: 'U8', ts: '1764230409.000001' }));
    await send({
      type: 'message',
      subtype: 'message_deleted',
      channel: 'C1',
      hidden: true,
      ts: '1764230600.000001',
      deleted_ts: LATER_TS,
      event_ts: '1764230600.000001',
      previous_message: { type: 'message', user: 'U7', text: 'nice result', ts: LATER_TS, thread_ts: PAPER_TS },
    });
    await expect.poll(() => sink.inputs.length, { timeout: 3000 }).toBe(2);
    expect(sink.inputs.map((i) => [i.kind, i.userId, i.messageOrThreadId, i.eventKey, i.removed])).toEqual([
      ['reply', 'U8', PAPER_TS, 'C1:1764230409.000001', false],
      ['reply', 'U7', PAPER_TS, `C1:${LATER_TS}`, true],
    ]);
  });

  const ignored: [string, Record<string, unknown>][] = [
    ['a top-level message', threadMessage({ thread_ts: undefined })],
    ['the thread parent itself', threadMessage({ ts: PAPER_TS })],
    [
      'an edit (message_changed)',
      threadMessage({
        subtype: 'message_changed',
        user: undefined,
        message: { type: 'message', user: 'U7', text: 'edited', ts: LATER_TS, thread_ts: PAPER_TS },
      }),
    ],
    ['a bot message (bot_id)', threadMessage({ bot_id: 'BOTHER', user: 'UOTHERBOT' })],
    ['a bot_message subtype', threadMessage({ subtype: 'bot_message', bot_id: 'BOTHER', user: undefined })],
    ["the bot's own reply", threadMessage({ user: 'UBOTFAKE' })],
    [
      'a channel join',
      { type: 'message', subtype: 'channel_join', channel: 'C1', user: 'U9', text: '<@U9> has joined the channel', ts: LATER_TS, event_ts: LATER_TS },
    ],
    [
      'the deletion of a top-level message',
      {
        type: 'message',
        subtype: 'message_deleted',
        channel: 'C1',
        ts: '1764230600.000001',
        deleted_ts: LATER_TS,
        event_ts: '1764230600.000001',
        previous_message: { type: 'message', user: 'U7', text: 'x', ts: LATER_TS },
      },
    ],
  ];
  it.each(ignored)('ignores %s', async (_name, event) => {
    await send(event);
    await settle();
    expect(sink.inputs).toEqual([]);
  });
});
