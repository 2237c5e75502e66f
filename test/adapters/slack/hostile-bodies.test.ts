import { describe, expect, it } from 'vitest';
import { messageFeedback, reactionFeedback } from '../../../adapters/slack/feedback-events.js';
import { slackBodyProblem } from '../../../adapters/slack/parse-body.js';
import { createHttpServer } from '../../../src/http/server.js';
import { silentLogger } from '../../../src/log.js';

/* What the fuzz test (test/app/fuzz.test.ts, issue #11 point 7) found, pinned down one by one. */
const bot = { botUserId: 'UBOT', botId: 'BBOT' };

describe('signed Slack bodies in shapes Slack never sends', () => {
  it.each([
    ['an event that is not an object', { type: 'event_callback', event: null }],
    ['an event that is a list', { type: 'event_callback', event: [1, 2] }],
    ['an event item that is not an object', { type: 'event_callback', event: { type: 'reaction_added', item: true } }],
    ['a team id that is a key of every object', { command: '/papers', user_id: 'U1', channel_id: 'C1', team_id: 'constructor' }],
    ['a command with no user', { command: '/papers', channel_id: 'C1', team_id: 'T1' }],
    ['actions that are not a list', { type: 'block_actions', actions: 'x', user: { id: 'U1' } }],
  ])('refuses %s', (_name, body) => {
    expect(slackBodyProblem(body as Record<string, unknown>)).not.toBeNull();
  });

  it('lets real shapes through', () => {
    expect(
      slackBodyProblem({ command: '/papers', text: 'list', user_id: 'U1', channel_id: 'C1', team_id: 'T1', response_url: 'https://hooks.slack.com/x' }),
    ).toBeNull();
    expect(
      slackBodyProblem({ type: 'event_callback', team_id: 'T1', event: { type: 'app_mention', user: 'U1', channel: 'C1', text: 'hi', ts: '1.1' } }),
    ).toBeNull();
    expect(slackBodyProblem({ type: 'block_actions', user: { id: 'U1' }, team: { id: 'T1' }, actions: [{ action_id: 'a' }] })).toBeNull();
    expect(slackBodyProblem({ type: 'app_rate_limited', minute_rate_limited: 1 })).toBeNull();
  });

  it('a reaction or reply with a ts that is no timestamp is no feedback (it used to throw)', () => {
    expect(
      reactionFeedback({ type: 'reaction_added', user: 'U1', reaction: '+1', item: { type: 'message', channel: 'C1', ts: 'nope' }, event_ts: 'x' }, 'T1', bot),
    ).toBeNull();
    expect(messageFeedback({ type: 'message', channel: 'C1', user: 'U1', ts: 'abc', thread_ts: '1.1' }, 'T1', bot)).toBeNull();
  });
});

describe('the HTTP server', () => {
  it('answers 413 to a body over 1 MB, and goes on serving', async () => {
    const server = createHttpServer(silentLogger());
    server.add('POST', '/x', (_req, res) => void res.writeHead(200).end('ok'));
    const port = await server.listen(0, '127.0.0.1');
    try {
      const big = await fetch(`http://127.0.0.1:${port}/x`, { method: 'POST', body: 'x'.repeat(1_100_000) });
      expect(big.status).toBe(413);
      expect((await fetch(`http://127.0.0.1:${port}/x`, { method: 'POST', body: 'small' })).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
