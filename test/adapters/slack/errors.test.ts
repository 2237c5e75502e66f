import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPostingClient } from '../../../adapters/slack/client.js';
import { SLACK_ERRORS, toChatError } from '../../../adapters/slack/errors.js';
import type { ChatError } from '../../../src/chat/port.js';
import { silentLogger } from '../../../src/log.js';
import { FakeSlack } from '../../support/fake-slack.js';

/*
 * Issue #10, point 2: every answer Slack can give to a post has one outcome, in
 * one table (adapters/slack/errors.ts). Each row is tested through the real
 * Web API client against the fake, so the error classes are the SDK's own.
 */

let fake: FakeSlack;
beforeEach(async () => {
  fake = await FakeSlack.start();
});
afterEach(() => fake.close());

async function answerTo(script: (f: FakeSlack) => void): Promise<ChatError> {
  script(fake);
  const client = createPostingClient(fake.token, silentLogger(), { apiUrl: fake.apiUrl });
  const err = await client.chat.postMessage({ channel: 'C1', text: 'hello' }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).not.toBeNull();
  return toChatError(err, 'posting');
}

describe('Slack error table', () => {
  it.each(Object.entries(SLACK_ERRORS))('%s → its row', async (code, row) => {
    const e = await answerTo((f) => f.failNext('chat.postMessage', code));
    expect({ kind: e.kind, code: e.details.code, reason: e.message }).toEqual({ kind: row.kind, code, reason: row.reason });
    if (row.kind === 'token') expect(e.details.scope).toBe('workspace');
    if (row.kind === 'rate_limited') expect(e.details.retryAfterMs).toBeGreaterThan(0);
  });

  it('a code the table does not name is unknown', async () => {
    const e = await answerTo((f) => f.failNext('chat.postMessage', 'added_by_slack_next_year'));
    expect({ kind: e.kind, code: e.details.code }).toEqual({ kind: 'unknown', code: 'added_by_slack_next_year' });
  });

  it('HTTP 429 is a rate limit for the Retry-After it names', async () => {
    const e = await answerTo((f) => f.rateLimitNext('chat.postMessage', 7));
    expect(e).toMatchObject({ kind: 'rate_limited', details: { retryAfterMs: 7000 } });
  });

  it.each([500, 502, 503, 504])('HTTP %i is transient', async (status) => {
    const e = await answerTo((f) => f.failHttpNext('chat.postMessage', status));
    expect({ kind: e.kind, code: e.details.code }).toEqual({ kind: 'transient', code: String(status) });
  });

  it('no answer at all (connection cut) is transient', async () => {
    const e = await answerTo((f) => f.dropResponseNext('chat.postMessage'));
    expect(e.kind).toBe('transient');
  });

  it('the rows cover the codes issue #10 names', () => {
    const named = [
      'restricted_action_read_only_channel',
      'team_access_not_granted',
      'ekm_access_denied',
      'invalid_blocks',
      'msg_too_long',
      'invalid_auth',
      'token_revoked',
      'account_inactive',
    ];
    expect(named.filter((c) => !SLACK_ERRORS[c])).toEqual([]);
    expect(SLACK_ERRORS.restricted_action_read_only_channel?.kind).toBe('channel');
    expect(SLACK_ERRORS.msg_too_long?.kind).toBe('message');
  });
});

describe('Slack fake strictness (issue #10, point 6)', () => {
  it('response_url accepts 5 posts within 30 minutes, then refuses', async () => {
    let now = 1_000_000;
    const strict = await FakeSlack.start({ now: () => now });
    try {
      const url = strict.responseUrl('r1');
      const post = () => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"hi"}' });
      for (let i = 0; i < 5; i++) expect((await post()).status).toBe(200);
      const sixth = await post();
      expect([sixth.status, await sixth.text()]).toEqual([404, 'used_url']);
      const late = strict.responseUrl('r2');
      now += 30 * 60_000 + 1;
      const expired = await fetch(late, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect([expired.status, await expired.text()]).toEqual([404, 'expired_url']);
    } finally {
      await strict.close();
    }
  });

  it('conversations.history pages 15 messages at a time, people included, and allows about one call a minute', async () => {
    let now = 1_700_000_000_000;
    const strict = await FakeSlack.start({ now: () => now });
    try {
      for (let i = 0; i < 20; i++) strict.addHumanMessage('C1', `hello ${i}`);
      const client = createPostingClient(strict.token, silentLogger(), { apiUrl: strict.apiUrl });
      const first = await client.conversations.history({ channel: 'C1', limit: 100 });
      expect(first.messages).toHaveLength(15);
      expect(first.messages?.[0]).toMatchObject({ user: 'UHUMAN01', text: 'hello 19' });
      expect(first.has_more).toBe(true);
      const limited = await client.conversations.history({ channel: 'C1', cursor: first.response_metadata?.next_cursor ?? '' }).catch((e: unknown) => e);
      expect(toChatError(limited, 'reading')).toMatchObject({ kind: 'rate_limited', details: { retryAfterMs: 60_000 } });
      now += 60_000;
      const second = await client.conversations.history({ channel: 'C1', cursor: first.response_metadata?.next_cursor ?? '' });
      expect(second.messages).toHaveLength(5);
      expect(second.has_more).toBe(false);
    } finally {
      await strict.close();
    }
  });

  it('chat.postMessage can be held to one per second per channel and a workspace-wide rate', async () => {
    let now = 1_700_000_000_000;
    const strict = await FakeSlack.start({ now: () => now, postLimits: { perChannelPerSecond: 1, perWorkspacePerSecond: 2 } });
    try {
      const client = createPostingClient(strict.token, silentLogger(), { apiUrl: strict.apiUrl });
      const post = (channel: string) =>
        client.chat.postMessage({ channel, text: 'x' }).then(
          () => 'ok',
          (e: unknown) => toChatError(e, 'posting').kind,
        );
      expect(await post('C1')).toBe('ok');
      expect(await post('C1')).toBe('rate_limited');
      expect(await post('C2')).toBe('ok');
      expect(await post('C3')).toBe('rate_limited');
      now += 1000;
      expect(await post('C1')).toBe('ok');
    } finally {
      await strict.close();
    }
  });
});
