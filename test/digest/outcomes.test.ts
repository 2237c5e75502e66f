import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelRef, OutboundMessage } from '../../src/chat/port.js';
import { makePaper } from '../support/papers.js';
import { pipelineHarness, type PipelineHarness } from '../support/pipeline.js';
import { aboutMessage, permanent, tokenRefused, transient, unknownAnswer } from '../support/recording-port.js';
import { captureLogger } from '../sources/log-capture.js';

/*
 * Issue #10, point 2: every answer has an outcome, no delivery blocks its
 * channel, and nothing is thrown away. Driven through the whole pipeline with
 * a recording port scripted to answer as the adapters' error tables classify.
 */

const TODAY = '2026-03-10';
const MINUTE = 60_000;
let h: PipelineHarness;
afterEach(async () => {
  await h?.close();
});

const titled = (title: string) => makePaper({ title, abstract: 'A study of network pruning.', upvotes: 100 - Number(title.slice(-1)) });
const isPaper = (m: OutboundMessage, title: string) => m.kind === 'paper' && m.paper.title === title;

async function statusOf(title: string): Promise<{ status: string; attempts: number; failureReason: string | null; nextAttemptAt: string | null }> {
  const rows = await h.stores.deliveries.queue(1, '9999-01-01T00:00:00.000Z', 100);
  const row = rows.find((d) => d.message.kind === 'paper' && d.message.paper.title === title);
  if (row) return row;
  const c = await h.stores.deliveries.countByStatus();
  throw new Error(`no queued row for ${title} (${JSON.stringify(c)})`);
}

describe('delivery outcomes', () => {
  it('about this one message: that delivery fails with its reason and the rest of the queue goes on', async () => {
    h = await pipelineHarness();
    h.source.set(TODAY, [titled('Pruning 1'), titled('Pruning 2'), titled('Pruning 3')]);
    const c = await h.channel('c1', ['pruning']);
    h.port.failWith = (_i, m) => (isPaper(m, 'Pruning 2') ? aboutMessage('Discord refused the message as invalid (Invalid Form Body, 50035).') : null);

    const report = await h.digest.runCycle();
    expect(h.port.kinds()).toEqual(['header', 'paper', 'paper']);
    expect(h.port.sends.flatMap((s) => (s.message.kind === 'paper' ? [s.message.paper.title] : []))).toEqual(['Pruning 1', 'Pruning 3']);
    expect(report.channels[0]).toMatchObject({ sent: 3, failed: true, pausedReason: null });
    expect((await h.stores.channels.get(c.id))?.paused).toBe(false);
    expect(await h.stores.deliveries.countByStatus()).toMatchObject({ sent: 3, failed: 1, planned: 0, attempted: 0 });
    // Tried once: a message the platform refuses is not sent again.
    expect(h.port.attempts.filter((a) => isPaper(a.message, 'Pruning 2'))).toHaveLength(1);
    expect(await h.digest.deliverPending()).toBe(0);
  });

  it('an unknown code is retried across cycles, at most 3 attempts, then fails as about the message; it never holds back later deliveries', async () => {
    h = await pipelineHarness();
    h.source.set(TODAY, [titled('Pruning 1'), titled('Pruning 2')]);
    await h.channel('c1', ['pruning']);
    h.port.failWith = (_i, m) => (isPaper(m, 'Pruning 1') ? unknownAnswer('brand_new_code') : null);

    await h.digest.runCycle();
    // The later paper went out in the same run.
    expect(h.port.papersSent()).toHaveLength(1);
    expect(h.port.kinds()).toEqual(['header', 'paper']);
    expect(await statusOf('Pruning 1')).toMatchObject({ status: 'planned', attempts: 1 });
    // Not before its next attempt time, then once per due cycle.
    expect(await h.digest.deliverPending()).toBe(0);
    h.clock.advance(MINUTE);
    await h.digest.deliverPending();
    expect(await statusOf('Pruning 1')).toMatchObject({ status: 'planned', attempts: 2 });
    h.clock.advance(2 * MINUTE);
    await h.digest.deliverPending();
    h.clock.advance(60 * MINUTE);
    await h.digest.deliverPending();
    expect(h.port.attempts.filter((a) => isPaper(a.message, 'Pruning 1'))).toHaveLength(3);
    expect(await h.stores.deliveries.countByStatus()).toMatchObject({ failed: 1, sent: 2, planned: 0 });
  });

  it('5xx, timeout, network: retried later by the scheduler with backoff 1, 2, 4 … 30 minutes, not several times at once', async () => {
    h = await pipelineHarness();
    h.source.set(TODAY, [titled('Pruning 1')]);
    await h.channel('c1', ['pruning']);
    let failing = true;
    h.port.failWith = (_i, m) => (failing && m.kind === 'paper' ? transient() : null);

    const first = await h.digest.runCycle();
    expect(first.channels[0]).toMatchObject({ failed: true, pausedReason: null });
    expect(h.port.attempts.filter((a) => a.message.kind === 'paper')).toHaveLength(1);
    expect(h.sleeps).toEqual([]);
    const gaps: number[] = [];
    for (let i = 0; i < 7; i++) {
      const { nextAttemptAt } = await statusOf('Pruning 1');
      const wait = Date.parse(nextAttemptAt ?? '') - h.clock.now().getTime();
      gaps.push(wait / MINUTE);
      h.clock.advance(wait - 1);
      expect(await h.digest.deliverPending()).toBe(0);
      h.clock.advance(1);
      await h.digest.deliverPending();
    }
    expect(gaps).toEqual([1, 2, 4, 8, 16, 30, 30]);
    failing = false;
    const { nextAttemptAt } = await statusOf('Pruning 1');
    h.clock.set(nextAttemptAt ?? '');
    expect(await h.digest.deliverPending()).toBe(1);
    expect(h.port.papersSent()).toHaveLength(1);
    // Each retry was told the earlier attempt may have posted, so the adapter looked first.
    expect(
      h.port.attempts
        .filter((a) => a.message.kind === 'paper')
        .slice(1)
        .every((a) => a.opts.maybeSent),
    ).toBe(true);
  });

  it('about the channel: the channel is paused with the reason, the subscribers are told once, and its queue is kept for /papers resume', async () => {
    h = await pipelineHarness();
    h.source.set(TODAY, [titled('Pruning 1'), titled('Pruning 2')]);
    const gone = await h.channel('gone', ['pruning']);
    await h.channel('ok', ['pruning']);
    let refusing = true;
    h.port.failWith = (_i, _m, ch: ChannelRef) => (refusing && ch.channelId === 'gone' ? permanent('the channel is archived', 'is_archived') : null);

    const report = await h.digest.runCycle();
    expect(report.channels.find((r) => r.channelId === gone.id)?.pausedReason).toBe('the channel is archived');
    expect(await h.stores.channels.get(gone.id)).toMatchObject({ paused: true, pausedReason: 'the channel is archived' });
    expect(h.port.paused).toHaveLength(1);
    expect(h.port.papersSent('ok')).toHaveLength(2);
    expect(await h.stores.deliveries.countByStatus()).toMatchObject({ paused: 3, failed: 0 });
    // Nothing is tried while paused.
    h.clock.advance(10 * MINUTE);
    await h.digest.deliverPending();
    expect(h.port.attempts.filter((a) => a.channel.channelId === 'gone')).toHaveLength(1);

    refusing = false;
    await h.stores.channels.setPaused(gone.id, false, null, h.clock.now().toISOString());
    expect(await h.digest.deliverPending()).toBe(3);
    expect(h.port.kinds('gone')).toEqual(['header', 'paper', 'paper']);
    expect(h.port.paused).toHaveLength(1);
  });

  it('paused deliveries older than 7 days do not come back on resume', async () => {
    h = await pipelineHarness();
    h.source.set(TODAY, [titled('Pruning 1')]);
    const c = await h.channel('c1', ['pruning']);
    h.port.failWith = () => permanent('the channel is archived', 'is_archived');
    await h.digest.runCycle();
    h.port.failWith = null;
    h.clock.advance(8 * 24 * 60 * MINUTE);
    expect(await h.stores.channels.setPaused(c.id, false, null, h.clock.now().toISOString())).toMatchObject({ deliveries: 0, expired: 2 });
    expect(await h.digest.deliverPending()).toBe(0);
    expect(h.port.sends).toEqual([]);
  });

  it('about the token: every channel of that workspace is paused, reported for /healthz and in one log line that says what to do', async () => {
    const { logger, lines } = captureLogger();
    h = await pipelineHarness({ logger });
    h.source.set(TODAY, [titled('Pruning 1')]);
    await h.channel('a1', ['pruning']);
    const a2 = await h.stores.channels.ensure({ platform: 'console', workspaceId: 'w1', channelId: 'a2' }, h.clock.now().toISOString());
    const other = await h.stores.channels.ensure({ platform: 'console', workspaceId: 'w2', channelId: 'b1' }, h.clock.now().toISOString());
    h.port.failWith = (_i, _m, ch) => (ch.workspaceId === 'w1' ? tokenRefused('workspace') : null);

    await h.digest.runCycle();
    const byId = new Map((await h.stores.channels.list()).map((c) => [c.id, c]));
    expect(byId.get(a2.id)?.paused).toBe(true);
    expect(byId.get(other.id)?.paused).toBe(false);
    expect(await h.stores.channels.tokenFailures()).toEqual([
      { platform: 'console', workspaceId: 'w1', reason: 'the token was revoked: set a new one', at: h.clock.now().toISOString() },
    ]);
    const said = lines.filter((l) => l.level >= 50 && /token/.test(l.msg));
    expect(said).toHaveLength(1);
    expect(said[0]?.msg).toMatch(/restart Paperboy, then run \/papers resume/);
    // Nobody is told by a post: the token cannot post.
    expect(h.port.paused).toEqual([]);
    expect(await h.stores.deliveries.countByStatus()).toMatchObject({ paused: 2 });
  });

  it("a bot-wide token failure (Discord's 401) pauses every channel of the platform", async () => {
    h = await pipelineHarness();
    h.source.set(TODAY, [titled('Pruning 1')]);
    await h.channel('g1', ['pruning']);
    const elsewhere = await h.stores.channels.ensure({ platform: 'console', workspaceId: 'another-guild', channelId: 'x' }, h.clock.now().toISOString());
    h.port.failWith = () => tokenRefused('bot');
    await h.digest.runCycle();
    expect((await h.stores.channels.get(elsewhere.id))?.paused).toBe(true);
    expect((await h.stores.channels.tokenFailures())[0]).toMatchObject({ platform: 'console', workspaceId: null });
  });

  it('a send that throws something no adapter classified counts as an unknown answer, not as a reason to stop', async () => {
    h = await pipelineHarness();
    h.source.set(TODAY, [titled('Pruning 1'), titled('Pruning 2')]);
    await h.channel('c1', ['pruning']);
    h.port.failWith = (_i, m) => (isPaper(m, 'Pruning 1') ? (new Error('boom') as never) : null);
    await h.digest.runCycle();
    expect(h.port.papersSent()).toHaveLength(1);
    expect(await statusOf('Pruning 1')).toMatchObject({ status: 'planned', attempts: 1 });
  });
});
