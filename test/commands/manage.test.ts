import { describe, expect, it } from 'vitest';
import { codes, harness, text } from './harness.js';

describe('permissions', () => {
  it.each(['subscribe pruning', 'unsubscribe pruning', 'schedule 09:30', 'pause', 'resume'])(
    'a member who cannot manage the channel is refused %j, and nothing changes',
    async (command) => {
      const h = harness();
      await h.run('subscribe pruning');
      await h.run('pause');
      const id = await h.channelId();
      const before = { channel: await h.stores.channels.get(id), rules: await h.stores.rules.list(id) };
      const r = await h.run(command, { canManage: false });
      expect(r.ok).toBe(false);
      expect(r.ephemeral).toBe(true);
      expect(text(r)).toMatch(/Only people who manage this channel/);
      expect(codes(r)).toContain(`/papers ${command.split(' ')[0]}`);
      expect({ channel: await h.stores.channels.get(id), rules: await h.stores.rules.list(id) }).toEqual(before);
    },
  );

  it.each(['list', 'preview pruning', 'help', 'help rules', 'digest', 'more', 'why 2599.00001', 'schedule'])('anyone may use %j', async (command) => {
    const h = harness();
    const r = await h.run(command, { canManage: false });
    expect(text(r)).not.toMatch(/Only people who manage/);
  });
});

describe('/papers schedule', () => {
  it.each([
    ['09:30', '09:30', null],
    ['9:05', '09:05', null],
    ['00:00 UTC', '00:00', 'UTC'],
    ['23:59 europe/berlin', '23:59', 'Europe/Berlin'],
    ['07:15 America/New_York', '07:15', 'America/New_York'],
  ])('%j sets %s in %s', async (args, time, zone) => {
    const h = harness();
    const r = await h.run(`schedule ${args}`);
    expect(r.ok).toBe(true);
    const c = await h.stores.channels.get(await h.channelId());
    expect([c?.scheduleTime, c?.timezone]).toEqual([time, zone]);
    expect(text(r)).toContain(`${time} (${zone ?? 'UTC'})`);
  });

  it('keeps the channel’s zone when only a time is given', async () => {
    const h = harness();
    await h.run('schedule 07:00 Asia/Tokyo');
    await h.run('schedule 06:45');
    const c = await h.stores.channels.get(await h.channelId());
    expect([c?.scheduleTime, c?.timezone]).toEqual(['06:45', 'Asia/Tokyo']);
  });

  it.each([
    ['24:00', /not a time of day/],
    ['12:60', /not a time of day/],
    ['noon', /not a time of day/],
    ['-1:30', /not a time of day/],
    ['0930', /not a time of day/],
    ['09:30 Mars/Olympus', /not a time zone/],
    ['09:30 Europe/Berlin extra', /Too many words/],
  ])('refuses %j and changes nothing', async (args, says) => {
    const h = harness();
    await h.run('schedule 10:00 Asia/Tokyo');
    const r = await h.run(`schedule ${args}`);
    expect(r.ok).toBe(false);
    expect(text(r)).toMatch(says);
    const c = await h.stores.channels.get(await h.channelId());
    expect([c?.scheduleTime, c?.timezone]).toEqual(['10:00', 'Asia/Tokyo']);
  });

  it('shows the current schedule when given no time', async () => {
    const h = harness();
    expect(text(await h.run('schedule'))).toContain('08:00 (UTC), the default');
    await h.run('schedule 18:30 Europe/Paris');
    const r = await h.run('schedule', { canManage: false });
    expect(r.ok).toBe(true);
    expect(text(r)).toContain('18:30 (Europe/Paris)');
  });
});

describe('/papers pause and resume', () => {
  it('pause records who paused; resume un-pauses and clears the reason', async () => {
    const h = harness();
    expect((await h.run('pause')).ok).toBe(true);
    let c = await h.stores.channels.get(await h.channelId());
    expect(c?.paused).toBe(true);
    expect(c?.pausedReason).toBe('Ada paused it with /papers pause on 2026-03-10');
    const again = await h.run('pause');
    expect(text(again)).toMatch(/already paused/);
    const r = await h.run('resume');
    expect(r.ok).toBe(true);
    expect(text(r)).toContain('was: Ada paused it');
    c = await h.stores.channels.get(await h.channelId());
    expect([c?.paused, c?.pausedReason]).toEqual([false, null]);
  });

  it('resume clears a pause the platform caused', async () => {
    const h = harness();
    const id = await h.channelId();
    await h.stores.channels.setPaused(id, true, 'Slack: the bot was removed from the channel');
    const r = await h.run('resume');
    expect(text(r)).toContain('Slack: the bot was removed');
    expect((await h.stores.channels.get(id))?.paused).toBe(false);
  });

  it('resume on a running channel says so and changes nothing', async () => {
    const h = harness();
    const r = await h.run('resume');
    expect(r.ok).toBe(true);
    expect(text(r)).toMatch(/not paused/);
    expect((await h.stores.channels.get(await h.channelId()))?.paused).toBe(false);
  });
});
