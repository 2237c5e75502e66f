import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSlack } from '../../../adapters/slack/index.js';
import type { RunningAdapter } from '../../../src/chat/adapter.js';
import { FakeSlack } from '../../support/fake-slack.js';
import { SocketModeServer } from '../../support/socket-mode-server.js';
import { RecordingSink } from './feedback-sink.js';
import { RecordingCommands, testCore } from './helpers.js';

let fake: FakeSlack;
let socket: SocketModeServer;
let sink: RecordingSink;
let adapter: RunningAdapter | null;

const PAPER_TS = '1764230400.000100';

const callback = (eventId: string, event: Record<string, unknown>) => ({
  type: 'event_callback',
  team_id: 'TFAKE',
  api_app_id: 'AFAKE',
  event_id: eventId,
  event_time: 1,
  event,
});

beforeEach(async () => {
  fake = await FakeSlack.start();
  socket = await SocketModeServer.start();
  fake.socketUrl = socket.url;
  sink = new RecordingSink();
  adapter = await startSlack(
    { botToken: fake.token, appToken: fake.appToken, apiUrl: fake.apiUrl, botId: fake.botId, botUserId: fake.botUserId },
    { ...testCore(new RecordingCommands(), null), feedback: sink },
  );
});
afterEach(async () => {
  await adapter?.stop();
  await socket.close();
  await fake.close();
});

describe('Slack feedback over Socket Mode', () => {
  it('reports reactions and thread replies from the same listeners as HTTP, acknowledges each envelope, and a redelivery once', async () => {
    expect(socket.connections).toBe(1);
    const reaction = {
      type: 'reaction_added',
      user: 'U7',
      reaction: 'bookmark',
      item_user: fake.botUserId,
      item: { type: 'message', channel: 'C1', ts: PAPER_TS },
      event_ts: '1764230408.000001',
    };
    socket.sendEvent(callback('EvR1', reaction), { envelopeId: 'e1' });
    socket.sendEvent(callback('EvR1', reaction), { envelopeId: 'e2', retryAttempt: 1 });
    socket.sendEvent(
      callback('EvM1', {
        type: 'message',
        channel: 'C1',
        user: 'U8',
        text: 'see also',
        ts: '1764230409.000001',
        thread_ts: PAPER_TS,
        event_ts: '1764230409.000001',
      }),
      { envelopeId: 'e3' },
    );
    socket.sendEvent(
      callback('EvM2', { type: 'message', channel: 'C1', user: 'U8', text: 'top level', ts: '1764230410.000001', event_ts: '1764230410.000001' }),
      { envelopeId: 'e4' },
    );

    await expect.poll(() => socket.acks.map((a) => a.envelope_id).sort(), { timeout: 3000 }).toEqual(['e1', 'e2', 'e3', 'e4']);
    await expect.poll(() => sink.inputs.length, { timeout: 3000 }).toBe(2);
    // Envelopes are handled concurrently: compare in a fixed order.
    expect(sink.inputs.map((i) => [i.kind, i.userId, i.messageOrThreadId, i.emoji, i.eventKey]).sort()).toEqual([
      ['reaction', 'U7', PAPER_TS, 'bookmark', `C1:${PAPER_TS}:U7:bookmark`],
      ['reply', 'U8', PAPER_TS, null, 'C1:1764230409.000001'],
    ]);
  });
});
