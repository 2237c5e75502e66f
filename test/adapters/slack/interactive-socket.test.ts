import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSlack } from '../../../adapters/slack/index.js';
import type { RunningAdapter } from '../../../src/chat/adapter.js';
import { textReply } from '../../../src/chat/reply.js';
import type { CommandContext } from '../../../src/commands/types.js';
import type { Interactions, PaperPress } from '../../../src/interact/types.js';
import { FakeSlack } from '../../support/fake-slack.js';
import { SocketModeServer } from '../../support/socket-mode-server.js';
import { RecordingCommands, testCore } from './helpers.js';

let fake: FakeSlack;
let socket: SocketModeServer;
let adapter: RunningAdapter | null;
let commands: RecordingCommands;
const presses: { ctx: CommandContext; press: PaperPress }[] = [];

/** Records presses; the rest of the core's interactions are not reached in these tests. */
const interactions: Interactions = {
  async press(ctx, press) {
    presses.push({ ctx, press });
    return textReply(`pressed ${press.action}`);
  },
  complete: async () => [],
  previewRule: async () => ({ ok: false, lines: [['That rule does not parse: expected a term (at character 9).']] }),
  home: async () => ({ saved: [], channels: [] }),
  removeOwnRule: async () => textReply('no'),
};

beforeEach(async () => {
  presses.length = 0;
  fake = await FakeSlack.start();
  socket = await SocketModeServer.start();
  fake.socketUrl = socket.url;
  commands = new RecordingCommands();
  commands.answer = async (_ctx, text) =>
    text.startsWith('subscribe pruning AND (') ? textReply('That rule does not parse.', { ok: false }) : textReply(`ok ${text}`);
  adapter = await startSlack(
    { botToken: fake.token, appToken: fake.appToken, apiUrl: fake.apiUrl, botId: fake.botId, botUserId: fake.botUserId },
    { ...testCore(commands, null), interactions },
  );
});
afterEach(async () => {
  await adapter?.stop();
  await socket.close();
  await fake.close();
});

describe('Slack interactivity over Socket Mode', () => {
  it('a button press reaches the same listener as over HTTP and is answered ephemerally through response_url', async () => {
    socket.push('i1', 'interactive', {
      type: 'block_actions',
      user: { id: 'U9', username: 'cy', team_id: 'TFAKE' },
      team: { id: 'TFAKE', domain: 'fake' },
      api_app_id: 'AFAKE',
      container: { type: 'message', message_ts: '1764230400.000100', channel_id: 'C1', is_ephemeral: false },
      channel: { id: 'C1', name: 'papers' },
      trigger_id: fake.surfaces.issueTrigger(),
      response_url: fake.responseUrl('sock1'),
      actions: [{ type: 'button', action_id: 'paperboy:paper:save', block_id: 'paperboy:paper', value: '2599.00001', action_ts: '1' }],
    });
    await expect.poll(() => socket.acks.map((a) => a.envelope_id), { timeout: 3000 }).toContain('i1');
    await expect.poll(() => fake.responses.find((r) => r.id === 'sock1')?.body, { timeout: 3000 }).toMatchObject({ response_type: 'ephemeral' });
    expect(presses).toEqual([
      {
        // A press changes no channel setting, so nobody is asked (users.info) whether the person may manage.
        ctx: { channel: { platform: 'slack', workspaceId: 'TFAKE', channelId: 'C1' }, userId: 'U9', userName: 'cy', canManage: false, threadId: null },
        press: { action: 'save', paperId: '2599.00001', messageId: '1764230400.000100' },
      },
    ]);
  });

  it('a refused form submission acknowledges the envelope with response_action: errors', async () => {
    socket.push('i2', 'interactive', {
      type: 'view_submission',
      team: { id: 'TFAKE', domain: 'fake' },
      user: { id: 'U9', name: 'cy', team_id: 'TFAKE' },
      api_app_id: 'AFAKE',
      trigger_id: fake.surfaces.issueTrigger(),
      view: {
        id: 'V1',
        hash: 'h1',
        type: 'modal',
        callback_id: 'paperboy:subscribe',
        private_metadata: JSON.stringify({ t: 'TFAKE', c: 'C1' }),
        state: { values: { rule: { 'paperboy:rule': { type: 'plain_text_input', value: 'pruning AND (' } } } },
      },
    });
    await expect
      .poll(() => socket.acks.find((a) => a.envelope_id === 'i2')?.payload, { timeout: 3000 })
      .toEqual({
        response_action: 'errors',
        errors: { rule: 'That rule does not parse.' },
      });
    expect(commands.calls.map((c) => [c.ctx.channel.channelId, c.text])).toEqual([['C1', 'subscribe pruning AND (']]);
  });
});
