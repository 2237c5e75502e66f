import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSlack } from '../../../adapters/slack/index.js';
import { signSlackRequest } from '../../support/slack-sign.js';
import { textReply } from '../../../src/chat/reply.js';
import type { FakeSlack } from '../../support/fake-slack.js';
import { TestRoutes } from '../../support/http-routes.js';
import { type SlackOverHttp, startSlackOverHttp } from './over-http.js';
import { type RecordingCommands, SECRET, paperView, testCore } from './helpers.js';
import { eventCallback, postToSlackEvents, slashCommand } from './signed.js';

let fake: FakeSlack;
let routes: TestRoutes;
let commands: RecordingCommands;

const waitFor = async (cond: () => boolean, ms = 3000): Promise<void> => {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
};

const papersCommand = (text: string) =>
  slashCommand({
    command: '/papers',
    text,
    user_id: 'U42',
    user_name: 'ada',
    team_id: 'TFAKE',
    channel_id: 'C1',
    channel_name: 'papers',
    response_url: fake.responseUrl('r1'),
    trigger_id: 't1',
    api_app_id: 'AFAKE',
  });

let env: SlackOverHttp;
beforeEach(async () => {
  env = await startSlackOverHttp();
  ({ fake, routes, commands } = env);
});
afterEach(() => env.stop());

describe('Slack over HTTP: /papers', () => {
  it('acknowledges at once and answers ephemerally through response_url', async () => {
    let finish = (): void => undefined;
    commands.answer = (_ctx, text) => new Promise((resolve) => (finish = () => resolve(textReply(`subscribed to ${text} & more`))));
    const res = await postToSlackEvents(routes.url, papersCommand('subscribe <!channel>'));
    // The HTTP answer came back while the command was still working.
    expect(res.status).toBe(200);
    expect(fake.responses).toEqual([]);
    // A managing command first asks Slack who the person is (SLACK_MANAGERS), then runs.
    await waitFor(() => commands.calls.length === 1);
    finish();
    await waitFor(() => fake.responses.length === 1);
    const body = fake.responses[0]?.body;
    expect(body?.response_type).toBe('ephemeral');
    expect(JSON.stringify(body?.blocks)).toContain('subscribed to subscribe &lt;!channel&gt; &amp; more');
    expect(commands.calls).toEqual([
      {
        ctx: {
          channel: { platform: 'slack', workspaceId: 'TFAKE', channelId: 'C1' },
          userId: 'U42',
          userName: 'ada',
          canManage: true,
          managers: 'members of this workspace (guests cannot)',
          threadId: null,
        },
        text: 'subscribe <!channel>',
      },
    ]);
  });

  it('answers url_verification with the challenge', async () => {
    const res = await postToSlackEvents(routes.url, {
      contentType: 'application/json',
      body: JSON.stringify({ type: 'url_verification', challenge: 'ch4llenge', token: 'x' }),
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ challenge: 'ch4llenge' });
  });
});

describe('Slack over HTTP: signatures', () => {
  const cases: [string, (req: ReturnType<typeof papersCommand>) => Parameters<typeof postToSlackEvents>[1]][] = [
    ['a wrong signature', (r) => ({ ...r, secret: 'not-the-secret' })],
    ['a forged signature header', (r) => ({ ...r, signature: 'v0=deadbeef' })],
    ['a stale timestamp (6 minutes old)', (r) => ({ ...r, timestamp: Math.floor(Date.now() / 1000) - 6 * 60 })],
    ['no signature at all', (r) => ({ ...r, signature: null })],
  ];
  it.each(cases)('refuses %s with 401 and handles nothing', async (_name, tamper) => {
    const res = await postToSlackEvents(routes.url, tamper(papersCommand('subscribe pruning')));
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 50));
    expect(commands.calls).toEqual([]);
    expect(fake.responses).toEqual([]);
  });

  it('refuses a body changed after signing', async () => {
    const req = papersCommand('list');
    const ts = Math.floor(Date.now() / 1000);
    const res = await postToSlackEvents(routes.url, {
      ...req,
      timestamp: ts,
      signature: signSlackRequest(SECRET, ts, req.body),
      body: req.body.replace('list', 'pause'),
    });
    expect(res.status).toBe(401);
    expect(commands.calls).toEqual([]);
  });
});

describe('Slack over HTTP: mentions in a paper thread', () => {
  it('passes the thread and the text after the mention, and answers in the thread', async () => {
    commands.answer = async () => ({ ok: true, ephemeral: true, blocks: [{ kind: 'paper', paper: paperView({ title: 'Similar & related' }) }] });
    const mention = eventCallback({
      type: 'app_mention',
      user: 'U42',
      text: `<@${fake.botUserId}> similar`,
      ts: '1700000100.000200',
      thread_ts: '1700000000.000100',
      channel: 'C1',
      event_ts: '1700000100.000200',
    });
    const res = await postToSlackEvents(routes.url, mention);
    expect(res.status).toBe(200);
    await waitFor(() => fake.posts('C1').length === 1);
    expect(commands.calls.map((c) => [c.ctx.threadId, c.ctx.channel.channelId, c.text])).toEqual([['1700000000.000100', 'C1', 'similar']]);
    const answer = fake.posts('C1')[0];
    expect(answer?.threadTs).toBe('1700000000.000100');
    expect(JSON.stringify(answer?.blocks)).toContain('Similar &amp; related');
  });

  it('answers a retried event only once', async () => {
    const mention = eventCallback(
      {
        type: 'app_mention',
        user: 'U42',
        text: `<@${fake.botUserId}> why`,
        ts: '1700000100.000300',
        thread_ts: '1700000000.000100',
        channel: 'C1',
        event_ts: '1700000100.000300',
      },
      'EvSAME',
    );
    await postToSlackEvents(routes.url, mention);
    await postToSlackEvents(routes.url, { ...mention, headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    await waitFor(() => fake.posts('C1').length >= 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(commands.calls).toHaveLength(1);
    expect(fake.posts('C1')).toHaveLength(1);
  });
});

describe('Slack start-up', () => {
  it('checks the token with auth.test and explains a bad one', async () => {
    const core = testCore(commands, new TestRoutes());
    await expect(
      startSlack({ botToken: 'xoxb-revoked', signingSecret: SECRET, apiUrl: fake.apiUrl, clientOptions: { retryConfig: { retries: 0 } } }, core),
    ).rejects.toThrow(/SLACK_BOT_TOKEN.*invalid_auth/);
    expect(fake.callsTo('auth.test').at(-1)?.token).toBe('xoxb-revoked');
  });

  it('connects Socket Mode with the app token through SLACK_API_URL, and explains a refusal', async () => {
    await expect(
      startSlack({ botToken: fake.token, appToken: 'xapp-wrong', apiUrl: fake.apiUrl, botId: fake.botId, botUserId: fake.botUserId }, testCore(commands, null)),
    ).rejects.toThrow(/SLACK_APP_TOKEN/);
    expect(fake.callsTo('apps.connections.open').map((c) => c.token)).toEqual(['xapp-wrong']);
  });

  it('refuses HTTP mode without the shared HTTP server', async () => {
    await expect(startSlack({ botToken: fake.token, signingSecret: SECRET, apiUrl: fake.apiUrl }, testCore(commands, null))).rejects.toThrow(/PORT/);
  });
});
