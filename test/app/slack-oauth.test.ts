import { afterEach, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/commands/types.js';
import { REVOKED_REASON, UNINSTALLED_REASON } from '../../adapters/slack/uninstall.js';
import { postToSlackEvents, slashCommand, workspaceEvent } from '../adapters/slack/signed.js';
import { installWorkspace } from '../support/slack-install.js';
import { makePaper } from '../support/papers.js';
import { command, ENGINES, type OAuthApp, startOAuthApp, today } from './slack-oauth-harness.js';

const T1 = { platform: 'slack', scope: 'team', id: 'T1' } as const;

/**
 * Issue #12, "Slack in many workspaces": the real app (config, core, HTTP
 * server, Bolt) as a distributable Slack app, installed through OAuth from a
 * browser, against the fake Slack, which refuses a token outside its own team
 * (channel_not_found, user_not_found) and a revoked one (token_revoked).
 */
describe.each(ENGINES)('%s: Paperboy installed in many Slack workspaces', (engine) => {
  let env: OAuthApp | null = null;
  afterEach(async () => {
    await env?.stop();
    env = null;
  });

  it('installs in two workspaces, answers and posts in each with its own token, and an uninstall deletes one token and pauses its channels', async () => {
    env = await startOAuthApp(engine);
    const { fake, core, base } = env;
    for (const team of ['T1', 'T2']) {
      const done = await installWorkspace(base, fake, { team, name: `Lab ${team}` });
      expect(done.status).toBe(200);
      expect(done.body).toContain('Thank you');
    }
    const t1 = fake.workspaces.tokenOf('T1');
    const t2 = fake.workspaces.tokenOf('T2');
    expect(t1).toBeDefined();
    expect(t2).not.toBe(t1);
    // Stored in Paperboy's database, one row per workspace, with the token Slack gave each.
    expect((await core.stores.installations.get(T1))?.botToken).toBe(t1);
    expect((await core.stores.installations.get({ ...T1, id: 'T2' }))?.botToken).toBe(t2);
    expect(await core.stores.installations.count('slack')).toBe(2);

    fake.setChannel('C1', 'member', 'T1').setChannel('C2', 'member', 'T2');
    fake.setUser('U1', { team: 'T1' }).setUser('U2', { team: 'T2' });
    const one = { team: 'T1', channel: 'C1', user: 'U1' };
    const two = { team: 'T2', channel: 'C2', user: 'U2' };
    // SLACK_MANAGERS (members) asks users.info first: with the other team's token Slack would say user_not_found, and nothing would change.
    expect(JSON.stringify(await command(env, one, 'subscribe pruning'))).toContain('pruning');
    expect(JSON.stringify(await command(env, two, 'subscribe pruning'))).toContain('pruning');
    expect(fake.callsTo('users.info').map((c) => [c.body.user, c.token])).toEqual([
      ['U1', t1],
      ['U2', t2],
    ]);

    await command(env, one, 'digest');
    await command(env, two, 'digest');
    await expect.poll(() => [fake.posts('C1').length, fake.posts('C2').length], { timeout: 10_000 }).toEqual([3, 3]);
    const posts = fake.callsTo('chat.postMessage');
    expect(posts.filter((c) => c.body.channel === 'C1').every((c) => c.token === t1)).toBe(true);
    expect(posts.filter((c) => c.body.channel === 'C2').every((c) => c.token === t2)).toBe(true);
    // Each workspace's bot is known as the bot: its own reactions and replies are no feedback.
    expect([...core.botUserIds].sort()).toEqual(['UBT1', 'UBT2']);

    // A mention in T2 is answered in its thread with T2's token.
    const mention = await postToSlackEvents(
      base,
      workspaceEvent({ type: 'app_mention', user: 'U2', text: '<@UBT2> help', ts: '1700000000.000100', channel: 'C2' }, { team: 'T2' }),
    );
    expect(mention.status).toBe(200);
    await expect.poll(() => fake.posts('C2').find((p) => p.threadTs === '1700000000.000100'), { timeout: 5000 }).toBeDefined();
    expect(fake.callsTo('chat.postMessage').at(-1)?.token).toBe(t2);

    // T1 removes the app: Slack revokes its token and tells Paperboy.
    fake.workspaces.uninstall('T1');
    const uninstalled = await postToSlackEvents(base, workspaceEvent({ type: 'app_uninstalled' }, { team: 'T1' }));
    expect(uninstalled.status).toBe(200);
    await expect.poll(() => core.stores.installations.get(T1), { timeout: 5000 }).toBeNull();
    const c1 = await core.stores.channels.find({ platform: 'slack', workspaceId: 'T1', channelId: 'C1' });
    expect(c1).toMatchObject({ paused: true, pausedReason: UNINSTALLED_REASON });
    // /papers list in that channel shows why (once the app is installed there again, Slack lets people ask).
    const ctx: CommandContext = {
      channel: { platform: 'slack', workspaceId: 'T1', channelId: 'C1' },
      userId: 'U1',
      userName: null,
      threadId: null,
      canManage: true,
    };
    expect(JSON.stringify(await core.commands.handle(ctx, 'list'))).toContain(UNINSTALLED_REASON);
    // An uninstall is no token failure for the operator to fix.
    const health = (await (await fetch(`${base}/healthz`)).json()) as { tokenFailures: unknown[] };
    expect(health.tokenFailures).toEqual([]);

    // A later paper (a digest of the day, as `paperboy digest --date` runs it): T2 gets it; nothing is sent with T1's revoked token.
    const before = fake.calls.length;
    env.source.set(today(), [makePaper({ title: 'Pruning sparse experts', hfDate: today(), sources: ['hf'] })]);
    await core.digest.runCycle({ day: today() });
    expect(fake.posts('C2').filter((p) => p.text.includes('Pruning sparse experts'))).toHaveLength(1);
    expect(fake.posts('C1')).toHaveLength(3);
    expect(fake.calls.slice(before).filter((c) => c.token === t1)).toEqual([]);
  });

  it('a revoked token is refused as Slack refuses it and pauses the workspace; tokens_revoked then deletes it', async () => {
    env = await startOAuthApp(engine);
    const { fake, core, base } = env;
    await installWorkspace(base, fake, { team: 'T3' });
    fake.setChannel('C3', 'member', 'T3').setUser('U3', { team: 'T3' });
    await command(env, { team: 'T3', channel: 'C3', user: 'U3' }, 'subscribe pruning');

    // The admin revokes the bot token before Slack's event arrives: the next post meets token_revoked.
    fake.workspaces.revokeBot('T3');
    await core.digest.runCycle();
    expect(fake.posts('C3')).toEqual([]);
    const c3 = await core.stores.channels.find({ platform: 'slack', workspaceId: 'T3', channelId: 'C3' });
    expect(c3?.paused).toBe(true);
    expect(c3?.pausedReason).toContain('install Paperboy again from /slack/install');
    const health = (await (await fetch(`${base}/healthz`)).json()) as { tokenFailures: { workspaceId: string }[] };
    expect(health.tokenFailures.map((f) => f.workspaceId)).toEqual(['T3']);

    const revoked = await postToSlackEvents(base, workspaceEvent({ type: 'tokens_revoked', tokens: { bot: ['UBT3'] } }, { team: 'T3' }));
    expect(revoked.status).toBe(200);
    await expect.poll(() => core.stores.installations.get({ ...T1, id: 'T3' }), { timeout: 5000 }).toBeNull();
    expect(await core.stores.channels.tokenFailures()).toEqual([]);
    // Already paused by the refused post: its reason stays the one it was paused with.
    expect((await core.stores.channels.get(c3?.id ?? 0))?.paused).toBe(true);
    expect(REVOKED_REASON).toContain('/slack/install');
  });

  it('an org-wide (Enterprise Grid) install is keyed by its enterprise and serves each team of it, deliveries included', async () => {
    env = await startOAuthApp(engine);
    const { fake, core, base } = env;
    fake.workspaces.addTeam({ id: 'T5', enterpriseId: 'E1' });
    fake.workspaces.addTeam({ id: 'T6', enterpriseId: 'E1' });
    expect((await installWorkspace(base, fake, { orgWide: true, enterpriseId: 'E1' })).status).toBe(200);
    const org = await core.stores.installations.get({ platform: 'slack', scope: 'enterprise', id: 'E1' });
    expect(org).toMatchObject({ teamId: null, enterpriseId: 'E1', botToken: fake.workspaces.tokenOf('E1') });

    fake.setChannel('C5', 'member', 'T5').setUser('U5', { team: 'T5' });
    await command(env, { team: 'T5', channel: 'C5', user: 'U5', enterpriseId: 'E1', orgWide: true }, 'subscribe pruning');
    // A delivery knows only the channel's team: the org-wide install is found through it.
    expect((await core.stores.installations.forTeam('slack', 'T5', null))?.key.id).toBe('E1');
    await core.digest.runCycle();
    expect(fake.posts('C5')).toHaveLength(3);
    expect(fake.callsTo('chat.postMessage').every((c) => c.token === fake.workspaces.tokenOf('E1'))).toBe(true);

    fake.workspaces.uninstall('E1');
    await postToSlackEvents(base, workspaceEvent({ type: 'app_uninstalled' }, { team: 'T5', enterpriseId: 'E1', orgWide: true }));
    await expect
      .poll(() => core.stores.channels.find({ platform: 'slack', workspaceId: 'T5', channelId: 'C5' }), { timeout: 5000 })
      .toMatchObject({
        paused: true,
        pausedReason: UNINSTALLED_REASON,
      });
  });

  it('the redirect is refused without the browser’s state cookie, and a code works once', async () => {
    env = await startOAuthApp(engine);
    const { fake, core, base } = env;
    fake.workspaces.addTeam({ id: 'T7' });
    const start = await fetch(`${base}/slack/install`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const consent = new URL(start.headers.get('location') ?? '');
    expect(consent.origin + consent.pathname).toBe(fake.authorizeUrl);
    expect(consent.searchParams.get('client_id')).toBe('1111.2222');
    expect(consent.searchParams.get('scope')?.split(',')).toContain('chat:write');
    consent.searchParams.set('fake_team', 'T7');
    const back = (await fetch(consent, { redirect: 'manual' })).headers.get('location') ?? '';
    const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

    // Someone else's browser (no cookie): a CSRF attempt, refused before the code is used.
    expect((await fetch(back, { redirect: 'manual' })).status).toBe(400);
    expect(fake.callsTo('oauth.v2.access')).toEqual([]);
    expect((await fetch(back, { headers: { cookie }, redirect: 'manual' })).status).toBe(200);
    // The same code again: Slack answers invalid_code, nothing more is stored.
    const again = await fetch(back, { headers: { cookie }, redirect: 'manual' });
    expect(again.status).toBe(500);
    expect(fake.callsTo('oauth.v2.access').length).toBe(2);
    expect(await core.stores.installations.count('slack')).toBe(1);
  });

  // Bolt finds no installation for the team (an uninstall racing a command, a stale app config): a 500 makes
  // Slack retry the event three times and show the person "dispatch_failed". Nothing can succeed, so say so once.
  it('a request from a workspace with no installation is answered 200, a command with a word on installing, and nothing runs', async () => {
    env = await startOAuthApp(engine);
    const { fake, core, base } = env;
    const res = await postToSlackEvents(
      base,
      slashCommand({
        command: '/papers',
        text: 'subscribe pruning',
        user_id: 'U9',
        user_name: 'u9',
        team_id: 'T9',
        channel_id: 'C9',
        channel_name: 'papers',
        response_url: fake.responseUrl('never'),
        trigger_id: 'trig-never',
        api_app_id: 'AFAKEAPP',
      }),
    );
    expect(res.status).toBe(200);
    const answer = JSON.parse(res.text) as { response_type?: string; text?: string };
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toMatch(/not installed/i);
    expect(answer.text).toContain('/slack/install');
    const event = await postToSlackEvents(
      base,
      workspaceEvent({ type: 'app_mention', user: 'U9', text: '<@UBT9> help', ts: '1700000000.000900', channel: 'C9' }, { team: 'T9' }),
    );
    expect(event.status).toBe(200);
    expect(await core.stores.channels.find({ platform: 'slack', workspaceId: 'T9', channelId: 'C9' })).toBeNull();
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
  });
});
