import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../support/fake-slack.js';

/** The fake's side of the distributable app must refuse what Slack refuses, or the OAuth tests prove nothing. */
let fake: FakeSlack;
let now = Date.parse('2026-03-10T08:00:00.000Z');
const REDIRECT = 'https://paperboy.example.com/slack/oauth_redirect';
beforeEach(async () => {
  now = Date.parse('2026-03-10T08:00:00.000Z');
  fake = await FakeSlack.start({ now: () => now });
  fake.workspaces.app = { clientId: '1.2', clientSecret: 'shh-secret', redirectUrls: [REDIRECT], tokenRotation: true };
  fake.workspaces.addTeam({ id: 'T1' });
  fake.workspaces.addTeam({ id: 'T2' });
});
afterEach(() => fake.close());

const error = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { data?: { error?: string } }) => e.data?.error ?? String(e),
  );
const anonymous = () => new WebClient(undefined, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
const as = (token: string | undefined) => new WebClient(token, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });

/** The consent page approving for `team`: the code in the redirect. */
async function codeFor(team: string, extra: Record<string, string> = {}): Promise<string> {
  const url = new URL(fake.authorizeUrl);
  for (const [k, v] of Object.entries({ client_id: '1.2', scope: 'chat:write', state: 's', fake_team: team, ...extra })) url.searchParams.set(k, v);
  const res = await fetch(url, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location') ?? '').searchParams.get('code') ?? '';
}

const exchange = (code: string, over: Record<string, string> = {}) =>
  anonymous().oauth.v2.access({ client_id: '1.2', client_secret: 'shh-secret', code, ...over });

describe('the fake Slack refuses what Slack refuses: installs and tokens', () => {
  it('the consent page: the app’s client id, and only a registered redirect_uri', async () => {
    const url = new URL(fake.authorizeUrl);
    url.searchParams.set('client_id', 'someone-else');
    url.searchParams.set('scope', 'chat:write');
    url.searchParams.set('fake_team', 'T1');
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(400);
    url.searchParams.set('client_id', '1.2');
    url.searchParams.set('redirect_uri', 'https://evil.example.com/steal');
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(400);
  });

  it('oauth.v2.access: the client secret, a code once and within 10 minutes, the redirect_uri it was issued for', async () => {
    expect(await error(exchange(await codeFor('T1'), { client_secret: 'wrong' }))).toBe('bad_client_secret');
    expect(await error(exchange(await codeFor('T1'), { client_id: '9.9' }))).toBe('invalid_client_id');
    const code = await codeFor('T1');
    const answer = await exchange(code);
    expect(answer).toMatchObject({ ok: true, token_type: 'bot', team: { id: 'T1' }, is_enterprise_install: false, bot_user_id: 'UBT1', expires_in: 43_200 });
    expect(await error(exchange(code))).toBe('invalid_code');
    const late = await codeFor('T1');
    now += 10 * 60_000 + 1;
    expect(await error(exchange(late))).toBe('invalid_code');
    const named = await codeFor('T1', { redirect_uri: REDIRECT });
    expect(await error(exchange(named))).toBe('bad_redirect_uri');
    expect(await error(exchange(await codeFor('T1', { redirect_uri: REDIRECT }), { redirect_uri: REDIRECT }))).toBe('ok');
  });

  it('a token acts in its own team only; revoked, expired and unknown tokens are refused as Slack refuses them', async () => {
    const t1 = String((await exchange(await codeFor('T1'))).access_token);
    fake.setChannel('C1', 'member', 'T1').setChannel('C2', 'member', 'T2').setUser('U2', { team: 'T2' });
    expect(await error(as(t1).chat.postMessage({ channel: 'C1', text: 'hi' }))).toBe('ok');
    expect(await error(as(t1).chat.postMessage({ channel: 'C2', text: 'hi' }))).toBe('channel_not_found');
    expect(await error(as(t1).users.info({ user: 'U2' }))).toBe('user_not_found');
    expect(await as(t1).auth.test()).toMatchObject({ team_id: 'T1', user_id: 'UBT1', bot_id: 'BBT1' });
    expect(await error(as('xoxb-made-up').chat.postMessage({ channel: 'C1', text: 'hi' }))).toBe('invalid_auth');
    expect(await error(as(undefined).chat.postMessage({ channel: 'C1', text: 'hi' }))).toBe('not_authed');
    now += 12 * 3600_000;
    expect(await error(as(t1).chat.postMessage({ channel: 'C1', text: 'hi' }))).toBe('token_expired');
    const fresh = String((await exchange(await codeFor('T1'))).access_token);
    fake.workspaces.uninstall('T1');
    expect(await error(as(fresh).chat.postMessage({ channel: 'C1', text: 'hi' }))).toBe('token_revoked');
  });

  it('a refresh token renews once: the second use is invalid_refresh_token, as is one of an uninstalled app', async () => {
    const first = await exchange(await codeFor('T1'));
    const refresh = String(first.refresh_token);
    const renew = (r: string) => anonymous().oauth.v2.access({ client_id: '1.2', client_secret: 'shh-secret', grant_type: 'refresh_token', refresh_token: r });
    const renewed = await renew(refresh);
    expect(renewed).toMatchObject({ ok: true, token_type: 'bot', expires_in: 43_200 });
    expect(renewed.access_token).not.toBe(first.access_token);
    expect(await error(renew(refresh))).toBe('invalid_refresh_token');
    // The old access token lasts until it expires.
    fake.setChannel('C1', 'member', 'T1');
    expect(await error(as(String(first.access_token)).chat.postMessage({ channel: 'C1', text: 'hi' }))).toBe('ok');
    fake.workspaces.uninstall('T1');
    expect(await error(renew(String(renewed.refresh_token)))).toBe('invalid_refresh_token');
  });
});
