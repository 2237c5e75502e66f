import { beforeEach, expect, it } from 'vitest';
import type { InstallationInput, InstallKey, Stores } from '../../src/store/types.js';
import { describeEngines } from './engines.js';
import { digestPlan, NOW } from './helpers.js';

const LATER = '2026-03-10T09:00:00.000Z';
const TEAM: InstallKey = { platform: 'slack', scope: 'team', id: 'T0ONE' };
const ORG: InstallKey = { platform: 'slack', scope: 'enterprise', id: 'E0ORG' };

function install(key: InstallKey, over: Partial<InstallationInput> = {}): InstallationInput {
  return {
    key,
    teamId: key.scope === 'team' ? key.id : null,
    enterpriseId: key.scope === 'enterprise' ? key.id : null,
    botToken: `xoxb-${key.id}-1`,
    botId: `B${key.id}`,
    botUserId: `U${key.id}`,
    refreshToken: null,
    expiresAt: null,
    details: { team: { id: key.id, name: 'One' }, appId: 'A0APP', scopes: ['chat:write'] },
    ...over,
  };
}

describeEngines('installation store', (t) => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await t.open();
  });

  it('stores an install and reads it back whole', async () => {
    const saved = await stores.installations.save(install(TEAM, { refreshToken: 'xoxe-1-r1', expiresAt: LATER }), NOW);
    expect(saved).toEqual({ ...install(TEAM, { refreshToken: 'xoxe-1-r1', expiresAt: LATER }), installedAt: NOW, updatedAt: NOW, tokenVersion: 1 });
    expect(await stores.installations.get(TEAM)).toEqual(saved);
    expect(await stores.installations.get({ ...TEAM, id: 'T0NONE' })).toBeNull();
    expect(await stores.installations.count('slack')).toBe(1);
  });

  it('a reinstall replaces the tokens, bumps the version and clears the token failure it fixes', async () => {
    await stores.installations.save(install(TEAM), NOW);
    await stores.channels.pauseWorkspace('slack', TEAM.id, 'token_revoked', NOW);
    await stores.channels.pauseWorkspace('slack', 'T0OTHER', 'invalid_auth', NOW);
    const again = await stores.installations.save(install(TEAM, { botToken: 'xoxb-T0ONE-2' }), LATER);
    expect(again).toMatchObject({ botToken: 'xoxb-T0ONE-2', tokenVersion: 2, installedAt: LATER });
    expect((await stores.channels.tokenFailures()).map((f) => f.workspaceId)).toEqual(['T0OTHER']);
    expect(await stores.installations.count('slack')).toBe(1);
  });

  it('finds a team by its own install, else by its organization, named or linked', async () => {
    await stores.installations.save(install(TEAM), NOW);
    await stores.installations.save(install(ORG), NOW);
    expect((await stores.installations.forTeam('slack', 'T0ONE', null))?.key).toEqual(TEAM);
    // A team of the organization, named with its enterprise (as its requests are).
    expect((await stores.installations.forTeam('slack', 'T0GRID', 'E0ORG'))?.key).toEqual(ORG);
    // Without the enterprise (a delivery knows only the channel's team): found once linked.
    expect(await stores.installations.forTeam('slack', 'T0GRID', null)).toBeNull();
    await stores.installations.linkTeam('slack', 'T0GRID', 'E0ORG', NOW);
    expect((await stores.installations.forTeam('slack', 'T0GRID', null))?.key).toEqual(ORG);
    // Another platform's rows are not this one's.
    expect(await stores.installations.forTeam('discord', 'T0ONE', null)).toBeNull();
  });

  it('removing drops the tokens and pauses the team’s channels with the reason, keeping their queue, and records no token failure', async () => {
    await stores.installations.save(install(TEAM), NOW);
    const a = await stores.channels.ensure({ platform: 'slack', workspaceId: 'T0ONE', channelId: 'C1' }, NOW);
    const b = await stores.channels.ensure({ platform: 'slack', workspaceId: 'T0ONE', channelId: 'C2' }, NOW);
    const other = await stores.channels.ensure({ platform: 'slack', workspaceId: 'T0TWO', channelId: 'C3' }, NOW);
    await stores.deliveries.planDigest(digestPlan(a.id, 'd1', ['2603.00001']));
    await stores.channels.pauseWorkspace('slack', 'T0ONE', 'invalid_auth', NOW);
    await stores.channels.setPaused(a.id, false, null, NOW);
    await stores.channels.setPaused(b.id, false, null, NOW);

    const out = await stores.installations.remove(TEAM, 'Paperboy was uninstalled from this workspace', LATER);
    expect(out).toEqual({ removed: true, teams: ['T0ONE'], paused: 2 });
    expect(await stores.installations.get(TEAM)).toBeNull();
    expect(await stores.channels.get(a.id)).toMatchObject({ paused: true, pausedReason: 'Paperboy was uninstalled from this workspace' });
    expect(await stores.channels.get(b.id)).toMatchObject({ paused: true });
    expect(await stores.channels.get(other.id)).toMatchObject({ paused: false });
    expect((await stores.deliveries.countByStatus()).paused).toBe(2);
    expect(await stores.channels.tokenFailures()).toEqual([]);
    // Said twice (Slack retries events): nothing more happens.
    expect(await stores.installations.remove(TEAM, 'again', LATER)).toEqual({ removed: false, teams: ['T0ONE'], paused: 0 });
  });

  it('removing an org-wide install pauses every team seen in the organization', async () => {
    await stores.installations.save(install(ORG), NOW);
    await stores.installations.linkTeam('slack', 'T0GRID1', 'E0ORG', NOW);
    await stores.installations.linkTeam('slack', 'T0GRID2', 'E0ORG', NOW);
    await stores.channels.ensure({ platform: 'slack', workspaceId: 'T0GRID1', channelId: 'C1' }, NOW);
    await stores.channels.ensure({ platform: 'slack', workspaceId: 'T0GRID2', channelId: 'C2' }, NOW);
    await stores.channels.ensure({ platform: 'slack', workspaceId: 'T0ELSE', channelId: 'C3' }, NOW);
    expect(await stores.installations.remove(ORG, 'uninstalled', LATER)).toEqual({ removed: true, teams: ['T0GRID1', 'T0GRID2'], paused: 2 });
  });

  it('exactly one claim renews a version; the renewal is written only by its holder over that version', async () => {
    const v1 = await stores.installations.save(install(TEAM, { refreshToken: 'xoxe-1-r1', expiresAt: NOW }), NOW);
    expect(await stores.installations.claimRefresh(TEAM, v1.tokenVersion, 'w1', NOW, 30_000)).toBe(true);
    expect(await stores.installations.claimRefresh(TEAM, v1.tokenVersion, 'w2', NOW, 30_000)).toBe(false);
    // Not the holder: nothing written.
    expect(await stores.installations.saveRefreshed(TEAM, v1.tokenVersion, 'w2', { botToken: 'x', refreshToken: 'y', expiresAt: LATER }, NOW)).toBeNull();
    const v2 = await stores.installations.saveRefreshed(
      TEAM,
      v1.tokenVersion,
      'w1',
      { botToken: 'xoxb-new', refreshToken: 'xoxe-1-r2', expiresAt: LATER },
      NOW,
    );
    expect(v2).toMatchObject({ botToken: 'xoxb-new', refreshToken: 'xoxe-1-r2', expiresAt: LATER, tokenVersion: v1.tokenVersion + 1 });
    // The old version cannot be claimed or written again.
    expect(await stores.installations.claimRefresh(TEAM, v1.tokenVersion, 'w2', NOW, 30_000)).toBe(false);
    expect(await stores.installations.saveRefreshed(TEAM, v1.tokenVersion, 'w1', { botToken: 'z', refreshToken: 'z', expiresAt: LATER }, NOW)).toBeNull();
  });

  it('a claim given back, or older than the lease, can be taken by another', async () => {
    const v1 = await stores.installations.save(install(TEAM, { refreshToken: 'xoxe-1-r1', expiresAt: NOW }), NOW);
    expect(await stores.installations.claimRefresh(TEAM, v1.tokenVersion, 'w1', NOW, 30_000)).toBe(true);
    await stores.installations.releaseRefresh(TEAM, 'w2');
    expect(await stores.installations.claimRefresh(TEAM, v1.tokenVersion, 'w2', NOW, 30_000)).toBe(false);
    await stores.installations.releaseRefresh(TEAM, 'w1');
    expect(await stores.installations.claimRefresh(TEAM, v1.tokenVersion, 'w2', NOW, 30_000)).toBe(true);
    // w2 dies holding it: after the lease, w3 takes over, and w2's late write is refused.
    expect(await stores.installations.claimRefresh(TEAM, v1.tokenVersion, 'w3', '2026-03-10T08:00:29.000Z', 30_000)).toBe(false);
    expect(await stores.installations.claimRefresh(TEAM, v1.tokenVersion, 'w3', '2026-03-10T08:00:31.000Z', 30_000)).toBe(true);
    expect(await stores.installations.saveRefreshed(TEAM, v1.tokenVersion, 'w2', { botToken: 'late', refreshToken: 'late', expiresAt: LATER }, NOW)).toBeNull();
  });

  it('of many handles claiming at once, exactly one wins', async () => {
    const v1 = await stores.installations.save(install(TEAM, { refreshToken: 'xoxe-1-r1', expiresAt: NOW }), NOW);
    const handles = await Promise.all(Array.from({ length: 4 }, () => t.open({ maxConnections: 4 })));
    const claims = await Promise.all(
      handles.flatMap((h, i) => Array.from({ length: 5 }, (_, j) => h.installations.claimRefresh(TEAM, v1.tokenVersion, `w${i}-${j}`, NOW, 30_000))),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });
});
