import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeSlack } from '../../support/fake-slack.js';
import type { TestRoutes } from '../../support/http-routes.js';
import { type SlackOverHttp, startSlackOverHttp } from './over-http.js';
import type { RecordingCommands } from './helpers.js';
import { eventCallback, postToSlackEvents } from './signed.js';

/** Issue #11, point 3: a mention written by a bot, an integration or nobody runs no command. */
let fake: FakeSlack;
let routes: TestRoutes;
let commands: RecordingCommands;

let env: SlackOverHttp;
beforeEach(async () => {
  env = await startSlackOverHttp();
  ({ fake, routes, commands } = env);
});
afterEach(() => env.stop());

const mention = (over: Record<string, unknown>) => ({
  type: 'app_mention',
  user: 'U42',
  text: '<@UBOTFAKE> unsubscribe 1',
  ts: '1700000100.000200',
  channel: 'C1',
  event_ts: '1700000100.000200',
  ...over,
});

describe('Slack: bots and integrations never run commands', () => {
  it.each([
    ['another bot (bot_id)', { bot_id: 'BOTHER', user: 'UOTHERBOT' }],
    ['an integration (subtype bot_message)', { subtype: 'bot_message', bot_id: 'BHOOK', user: undefined, username: 'Jira' }],
    ['a bot_message subtype with a user', { subtype: 'bot_message', user: 'U42' }],
    ['Paperboy itself', { user: 'UBOTFAKE' }],
    ['no user at all', { user: undefined }],
    ['an empty user', { user: '' }],
  ])('ignores a mention from %s', async (_name, over) => {
    const res = await postToSlackEvents(routes.url, eventCallback(mention(over), `Ev-${_name}`));
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect(commands.calls).toEqual([]);
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
  });

  it('still answers a person', async () => {
    await postToSlackEvents(routes.url, eventCallback(mention({}), 'Ev-person'));
    await expect.poll(() => commands.calls.length, { timeout: 3000 }).toBe(1);
    expect(commands.calls[0]?.ctx.userId).toBe('U42');
  });
});
