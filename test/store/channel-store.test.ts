import { beforeEach, expect, it } from 'vitest';
import type { Stores } from '../../src/store/types.js';
import { describeEngines } from './engines.js';
import { NOW, SLACK } from './helpers.js';

describeEngines('channel store', (t) => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await t.open();
  });

  it('ensure creates a channel once and finds it again', async () => {
    const a = await stores.channels.ensure(SLACK, NOW);
    const b = await stores.channels.ensure(SLACK, '2026-03-11T00:00:00.000Z');
    expect(b).toEqual(a);
    expect(a).toEqual({ ...SLACK, id: a.id, scheduleTime: null, timezone: null, paused: false, pausedReason: null, lastDigestAt: null, createdAt: NOW });
    expect(await stores.channels.find(SLACK)).toEqual(a);
    expect(await stores.channels.get(a.id)).toEqual(a);
    expect(await stores.channels.list()).toHaveLength(1);
  });

  it('tells channels apart by platform, workspace and channel id', async () => {
    const a = await stores.channels.ensure(SLACK, NOW);
    const b = await stores.channels.ensure({ ...SLACK, platform: 'discord' }, NOW);
    const c = await stores.channels.ensure({ ...SLACK, workspaceId: 'T0OTHER' }, NOW);
    expect(new Set([a.id, b.id, c.id]).size).toBe(3);
    expect(await stores.channels.find({ ...SLACK, channelId: 'C0NONE' })).toBeNull();
    expect(await stores.channels.get(9999)).toBeNull();
  });

  it('stores a schedule and clears it back to the default', async () => {
    const { id } = await stores.channels.ensure(SLACK, NOW);
    await stores.channels.setSchedule(id, '07:30', 'Europe/Berlin');
    expect(await stores.channels.get(id)).toMatchObject({ scheduleTime: '07:30', timezone: 'Europe/Berlin' });
    await stores.channels.setSchedule(id, null, null);
    expect(await stores.channels.get(id)).toMatchObject({ scheduleTime: null, timezone: null });
  });

  it('pauses and resumes one channel', async () => {
    const { id } = await stores.channels.ensure(SLACK, NOW);
    await stores.channels.setPaused(id, true, 'Slack: channel archived');
    expect(await stores.channels.get(id)).toMatchObject({ paused: true, pausedReason: 'Slack: channel archived' });
    await stores.channels.setPaused(id, false, null);
    expect(await stores.channels.get(id)).toMatchObject({ paused: false, pausedReason: null });
  });

  it('pauses every channel of one workspace and no other', async () => {
    await stores.channels.ensure(SLACK, NOW);
    await stores.channels.ensure({ ...SLACK, channelId: 'C0SECOND' }, NOW);
    const other = await stores.channels.ensure({ ...SLACK, workspaceId: 'T0OTHER' }, NOW);
    const discord = await stores.channels.ensure({ ...SLACK, platform: 'discord' }, NOW);
    expect(await stores.channels.pauseWorkspace('slack', SLACK.workspaceId, 'token revoked')).toBe(2);
    const byId = new Map((await stores.channels.list()).map((c) => [c.id, c]));
    expect(
      [...byId.values()]
        .filter((c) => c.paused)
        .map((c) => c.channelId)
        .sort(),
    ).toEqual(['C0FIXTURE', 'C0SECOND']);
    expect(byId.get(other.id)?.paused).toBe(false);
    expect(byId.get(discord.id)?.paused).toBe(false);
  });

  it('answers ping and refuses work after close', async () => {
    expect(await stores.ping()).toBe(true);
    await stores.close();
    await expect(stores.ping()).rejects.toThrow(/not open/i);
    await stores.close();
  });
});
