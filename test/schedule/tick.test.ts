import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { startScheduler, type Scheduler } from '../../src/schedule/scheduler.js';
import { makePaper } from '../support/papers.js';
import { pipelineHarness, type PipelineHarness } from '../support/pipeline.js';

/** The scheduler as the app starts it, ticked by hand: its cron expression never fires during a test. */
function startTicking(h: PipelineHarness): Scheduler {
  return startScheduler({
    stores: h.stores,
    digest: h.digest,
    clock: h.clock,
    logger: silentLogger(),
    defaults: { time: '08:00', timezone: 'UTC' },
    fetch: h.digest.fetch,
    cronExpression: '0 0 1 1 *',
  });
}

describe('scheduler tick', () => {
  let h: PipelineHarness;
  let scheduler: Scheduler | null = null;
  afterEach(async () => {
    scheduler?.stop();
    await h?.close();
  });

  it('digests each channel once its own time has come, in its own timezone, and only once', async () => {
    h = await pipelineHarness({ now: '2026-03-09T12:00:00.000Z' });
    const utc = await h.channel('utc', ['pruning']);
    const berlin = await h.channel('berlin', ['pruning']);
    await h.stores.channels.setSchedule(berlin.id, '09:30', 'Europe/Berlin');
    scheduler = startTicking(h);
    h.source.set('2026-03-10', [makePaper({ title: 'Pruning at dawn' })]);

    h.clock.set('2026-03-10T07:59:00.000Z');
    expect(await scheduler.tick()).toBe(0);
    h.clock.set('2026-03-10T08:00:00.000Z');
    expect(await scheduler.tick()).toBe(1);
    expect(h.port.papersSent('utc')).toHaveLength(1);
    expect(h.port.papersSent('berlin')).toHaveLength(0);
    expect(await scheduler.tick()).toBe(0);
    h.clock.set('2026-03-10T08:30:00.000Z'); // 09:30 in Berlin (UTC+1 in March)
    expect(await scheduler.tick()).toBe(1);
    expect(h.port.papersSent('berlin')).toHaveLength(1);
    expect(await scheduler.tick()).toBe(0);
    expect(utc.id).not.toBe(berlin.id);
  });

  it('runs a digest missed while the process was down once at start-up', async () => {
    h = await pipelineHarness({ now: '2026-03-06T08:00:00.000Z' });
    await h.channel('c1', ['pruning']);
    h.source.set('2026-03-06', []);
    await h.digest.runCycle();
    // down for three days; comes back mid-afternoon
    h.clock.set('2026-03-09T15:00:00.000Z');
    h.source.set('2026-03-09', [makePaper({ title: 'Pruning while you were away' })]);
    scheduler = startTicking(h);
    expect(await scheduler.tick()).toBe(1);
    expect(await scheduler.tick()).toBe(0);
    expect(h.port.papersSent()).toHaveLength(1);
  });

  it('marks a due channel with nothing to do (no rules, no matches) done for its slot, and later ticks fetch nothing', async () => {
    h = await pipelineHarness({ now: '2026-03-10T07:00:00.000Z' });
    // `/papers pause`, `schedule` or `emoji` leave a channel row with no rules, as does removing the last rule.
    await h.stores.channels.ensure({ platform: 'console', workspaceId: 'w1', channelId: 'no-rules' }, h.clock.now().toISOString());
    await h.channel('no-matches', ['a rule nothing matches']);
    h.source.set('2026-03-10', [makePaper({ title: 'Pruning at dawn' })]);
    scheduler = startTicking(h);

    h.clock.set('2026-03-10T08:00:00.000Z');
    expect(await scheduler.tick()).toBe(2);
    const requestsAtSlot = h.source.requested.length;
    expect(requestsAtSlot).toBeGreaterThan(0);
    const dueLater: number[] = [];
    for (let minute = 1; minute <= 20; minute += 1) {
      h.clock.set(new Date(Date.parse('2026-03-10T08:00:00.000Z') + minute * 60_000));
      dueLater.push(await scheduler.tick());
    }
    expect(dueLater).toEqual(Array.from({ length: 20 }, () => 0));
    expect(h.source.requested).toHaveLength(requestsAtSlot);
    expect(h.port.sends).toEqual([]);
  });
});
