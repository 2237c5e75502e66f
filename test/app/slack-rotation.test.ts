import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../app/core.js';
import { deliveryOnlyPorts } from '../../app/ports.js';
import { silentLogger } from '../../src/log.js';
import { digestPlan } from '../store/helpers.js';
import { installWorkspace } from '../support/slack-install.js';
import { command, ENGINES, type OAuthApp, startOAuthApp } from './slack-oauth-harness.js';

const T1 = { platform: 'slack', scope: 'team', id: 'T1' } as const;
const HOUR_S = 3600;

/** A channel of T1 with a digest planned (a header and two papers), as the pipeline plans one. */
async function plannedChannel(core: Core, channelId: string): Promise<number> {
  const now = new Date().toISOString();
  const channel = await core.stores.channels.ensure({ platform: 'slack', workspaceId: 'T1', channelId }, now);
  await core.stores.rules.add(channel.id, 'pruning', 'U1', now);
  await core.stores.deliveries.planDigest(
    digestPlan(channel.id, `d-${channelId}`, [`2603.1${channelId}1`, `2603.1${channelId}2`], { plannedAt: now, coveredUntil: now }),
  );
  return channel.id;
}

/**
 * Token rotation (issue #12): a token that expires within 2 hours is renewed
 * (oauth.v2.access, grant_type=refresh_token) before it is used, once, even
 * when two workers on one database need it at the same moment; the renewed
 * token is the one every post then carries. The fake Slack takes a refresh
 * token once, as Slack does: a second renewal would be refused.
 */
describe.each(ENGINES)('%s: Slack token rotation', (engine) => {
  let env: OAuthApp | null = null;
  let second: Core | null = null;
  afterEach(async () => {
    await second?.close();
    second = null;
    await env?.stop();
    env = null;
  });

  it('two workers delivering to one workspace whose token expires within 2 hours: renewed once, then used by both', async () => {
    env = await startOAuthApp(engine, { tokenRotation: true, tokenLifetimeS: HOUR_S });
    const { fake, core, base } = env;
    expect((await installWorkspace(base, fake, { team: 'T1' })).status).toBe(200);
    const installed = await core.stores.installations.get(T1);
    expect(installed?.refreshToken).toMatch(/^xoxe-1-/);
    expect(Date.parse(installed?.expiresAt ?? '') - Date.now()).toBeLessThan(2 * HOUR_S * 1000);
    const first = fake.workspaces.tokenOf('T1');
    // Renewed tokens last Slack's 12 hours.
    if (fake.workspaces.app) fake.workspaces.app.tokenLifetimeS = 12 * HOUR_S;
    fake.setChannel('C1', 'member', 'T1').setChannel('C2', 'member', 'T1');

    // The second worker: its own process's view of the same database (its own pool, its own token source), posting only.
    second = await createCore({ config: env.config, logger: silentLogger(), sources: [] });
    for (const port of await deliveryOnlyPorts(second)) second.ports.set(port.platform, port);
    const c1 = await plannedChannel(core, 'C1');
    const c2 = await plannedChannel(core, 'C2');

    // Slack is slow to renew: whoever does not hold the renewal arrives while it is under way.
    fake.delayNext('oauth.v2.access', 600);
    const [sentByFirst, sentBySecond] = await Promise.all([core.digest.deliver(c1), second.digest.deliver(c2)]);
    expect([sentByFirst, sentBySecond]).toEqual([3, 3]);

    expect(fake.workspaces.refreshed).toHaveLength(1);
    expect(fake.callsTo('oauth.v2.access').filter((c) => c.body.grant_type === 'refresh_token')).toHaveLength(1);
    const renewed = fake.workspaces.tokenOf('T1');
    expect(renewed).not.toBe(first);
    const posts = fake.callsTo('chat.postMessage');
    expect(posts).toHaveLength(6);
    expect(posts.every((c) => c.token === renewed)).toBe(true);
    const stored = await core.stores.installations.get(T1);
    expect(stored).toMatchObject({ botToken: renewed, tokenVersion: (installed?.tokenVersion ?? 0) + 1 });
    expect(Date.parse(stored?.expiresAt ?? '') - Date.now()).toBeGreaterThan(11 * HOUR_S * 1000);
    expect(stored?.refreshToken).not.toBe(installed?.refreshToken);

    // Later sends use the renewed token as it is: no second renewal.
    await command(env, { team: 'T1', channel: 'C1', user: 'U1' }, 'list');
    expect(fake.workspaces.refreshed).toHaveLength(1);
  });

  it('a command from a workspace whose token expires within 2 hours is answered with the renewed token', async () => {
    env = await startOAuthApp(engine, { tokenRotation: true, tokenLifetimeS: HOUR_S });
    const { fake, base } = env;
    await installWorkspace(base, fake, { team: 'T1' });
    if (fake.workspaces.app) fake.workspaces.app.tokenLifetimeS = 12 * HOUR_S;
    fake.setChannel('C1', 'member', 'T1').setUser('U1', { team: 'T1' });
    expect(JSON.stringify(await command(env, { team: 'T1', channel: 'C1', user: 'U1' }, 'subscribe pruning'))).toContain('pruning');
    expect(fake.workspaces.refreshed).toHaveLength(1);
    expect(fake.callsTo('users.info').map((c) => c.token)).toEqual([fake.workspaces.tokenOf('T1')]);
  });

  it('a token good for more than 2 hours is used as it is', async () => {
    env = await startOAuthApp(engine, { tokenRotation: true });
    const { fake, core, base } = env;
    await installWorkspace(base, fake, { team: 'T1' });
    fake.setChannel('C1', 'member', 'T1');
    expect(await core.digest.deliver(await plannedChannel(core, 'C1'))).toBe(3);
    expect(fake.workspaces.refreshed).toEqual([]);
    expect(fake.callsTo('chat.postMessage').every((c) => c.token === fake.workspaces.tokenOf('T1'))).toBe(true);
  });
});
