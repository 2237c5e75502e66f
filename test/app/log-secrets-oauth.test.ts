import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { secretsOf } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { postToSlackEvents, workspaceEvent } from '../adapters/slack/signed.js';
import { installWorkspace } from '../support/slack-install.js';
import { CLIENT_SECRET, command, type OAuthApp, STATE_SECRET, startOAuthApp } from './slack-oauth-harness.js';

/*
 * The installable app's secrets never reach a log line at LOG_LEVEL=trace:
 * the client and state secrets, each workspace's bot token, refresh tokens,
 * the OAuth code and the signed state — through an install, a renewal, a
 * refused code, a refused post and an uninstall.
 */
describe('no secret of the installable Slack app in any log line at LOG_LEVEL=trace', () => {
  let env: OAuthApp | null = null;
  afterEach(async () => {
    await env?.stop();
    env = null;
  });

  it('install, renewal, a replayed code, a revoked token and an uninstall', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of chunk.toString('utf8').split('\n')) if (l.trim()) lines.push(l);
        done();
      },
    });
    env = await startOAuthApp('sqlite', {
      tokenRotation: true,
      tokenLifetimeS: 3600,
      logger: (config) => createLogger('trace', sink, { secrets: secretsOf(config) }),
    });
    const { fake, core, base } = env;
    const start = await fetch(`${base}/slack/install`, { redirect: 'manual' });
    const consent = new URL(start.headers.get('location') ?? '');
    const state = consent.searchParams.get('state') ?? '';
    fake.workspaces.addTeam({ id: 'T1' });
    consent.searchParams.set('fake_team', 'T1');
    const back = new URL((await fetch(consent, { redirect: 'manual' })).headers.get('location') ?? '');
    const code = back.searchParams.get('code') ?? '';
    const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect((await fetch(back, { headers: { cookie } })).status).toBe(200);
    // The same code again: refused, and logged as refused.
    expect((await fetch(back, { headers: { cookie } })).status).toBe(500);
    const installed = await core.stores.installations.get({ platform: 'slack', scope: 'team', id: 'T1' });

    fake.setChannel('C1', 'member', 'T1').setUser('U1', { team: 'T1' });
    if (fake.workspaces.app) fake.workspaces.app.tokenLifetimeS = 43_200;
    await command(env, { team: 'T1', channel: 'C1', user: 'U1' }, 'subscribe pruning');
    const renewed = await core.stores.installations.get({ platform: 'slack', scope: 'team', id: 'T1' });
    expect(renewed?.botToken).not.toBe(installed?.botToken);
    fake.workspaces.revokeBot('T1');
    await core.digest.runCycle();
    await installWorkspace(base, fake, { team: 'T2' });
    fake.workspaces.uninstall('T2');
    await postToSlackEvents(base, workspaceEvent({ type: 'app_uninstalled' }, { team: 'T2' }));
    await expect.poll(() => core.stores.installations.count('slack'), { timeout: 5000 }).toBe(1);

    expect(lines.length).toBeGreaterThan(10);
    expect(lines.some((l) => l.includes('Paperboy was installed in a Slack workspace'))).toBe(true);
    expect(lines.some((l) => l.includes('renewed the Slack bot token'))).toBe(true);
    const all = lines.join('\n');
    const secrets = [
      CLIENT_SECRET,
      STATE_SECRET,
      code,
      state,
      ...fake.workspaces.tokensOf('T1'),
      ...fake.workspaces.tokensOf('T2'),
      installed?.refreshToken ?? 'missing',
      renewed?.refreshToken ?? 'missing',
    ];
    for (const s of secrets) {
      const at = all.indexOf(s);
      expect(at, `a secret (${s.slice(0, 8)}…) in: ${all.slice(Math.max(0, at - 200), at + 80)}`).toBe(-1);
    }
    expect(all).not.toMatch(/xox[abpe]-/);
  });
});
