import { beforeEach, describe, expect, it } from 'vitest';
import type { Delivery, Stores } from '../../src/store/types.js';
import { digestPlan, more, NOW, SLACK, openWithChannel } from './helpers.js';
import { describeEngines } from './engines.js';

const LEASE = 120_000;
const at = (ms: number) => new Date(Date.parse(NOW) + ms).toISOString();

describeEngines('delivery store: claiming and sending', (t) => {
  let stores: Stores;
  let ch: number;
  let first: Delivery;
  beforeEach(async () => {
    ({ stores, channelId: ch } = await openWithChannel(t));
    await stores.deliveries.planDigest(digestPlan(ch, 'd1', ['2599.00001', '2599.00002']));
    const unsent = await stores.deliveries.unsent(ch);
    if (!unsent[0]) throw new Error('fixture plan wrote nothing');
    first = unsent[0];
  });

  it('a planned delivery is claimed once; a second claimer within the lease is refused', async () => {
    expect(await stores.deliveries.claim(first.id, 'host:1', NOW, LEASE)).toEqual({ claimed: true, maybeSent: false, firstAttemptAt: NOW });
    expect((await stores.deliveries.claim(first.id, 'host:2', at(LEASE - 1), LEASE, { owner: 'host:1', claimedAt: NOW })).claimed).toBe(false);
    const row = (await stores.deliveries.unsent(ch))[0];
    expect(row).toMatchObject({ id: first.id, status: 'attempted', claimedBy: 'host:1', claimedAt: NOW });
  });

  it('claimFirst takes the first delivery of the queue when it is planned and due, read back as claimed, and never one behind it', async () => {
    const taken = await stores.deliveries.claimFirst(ch, 'host:1', NOW);
    expect(taken).toMatchObject({ maybeSent: false, firstAttemptAt: NOW });
    expect(taken?.delivery).toEqual({ ...first, status: 'attempted', claimedBy: 'host:1', claimedAt: NOW, firstAttemptAt: NOW });
    // The queue now starts with an attempted delivery: nobody, not even its owner, gets the one behind it this way.
    expect(await stores.deliveries.claimFirst(ch, 'host:2', at(LEASE * 10))).toBeNull();
    expect(await stores.deliveries.claimFirst(ch, 'host:1', at(1))).toBeNull();
    expect((await stores.deliveries.unsent(ch)).map((d) => d.status)).toEqual(['attempted', 'planned', 'planned']);
    await stores.deliveries.markSent(first.id, 'host:1', { messageId: 'm1', threadId: null }, at(2));
    const second = await stores.deliveries.claimFirst(ch, 'host:2', at(3));
    expect(second?.delivery).toMatchObject({ seq: first.seq + 1, paperId: '2599.00001', status: 'attempted', claimedBy: 'host:2' });
    // Put back for later, it is not due yet, and claimFirst reads the queue as queue does: the next one is first.
    await stores.deliveries.retryLater(second!.delivery.id, 'host:2', {
      at: at(60_000),
      reason: 'Slack answered HTTP 503',
      countAttempt: true,
      maybeSent: true,
    });
    expect((await stores.deliveries.queue(ch, at(4), 10)).map((d) => d.paperId)).toEqual(['2599.00002']);
    const third = await stores.deliveries.claimFirst(ch, 'host:2', at(4));
    expect(third?.delivery.paperId).toBe('2599.00002');
    await stores.deliveries.markSent(third!.delivery.id, 'host:2', { messageId: 'm3', threadId: 't3' }, at(5));
    expect(await stores.deliveries.claimFirst(ch, 'host:2', at(59_999))).toBeNull();
    // Due again: an earlier attempt may have posted it, as claim would say.
    expect(await stores.deliveries.claimFirst(ch, 'host:2', at(60_000))).toMatchObject({
      delivery: { id: second!.delivery.id, attempts: 1, maybeSent: true },
      maybeSent: true,
      firstAttemptAt: at(3),
    });
    expect(await stores.deliveries.claimFirst(ch, 'host:2', at(60_001))).toBeNull();
  });

  it('claimFirst: of two claimers at once, one gets the first delivery and the other nothing; a paused queue gives nothing', async () => {
    const both = await Promise.all([stores.deliveries.claimFirst(ch, 'host:1', NOW), stores.deliveries.claimFirst(ch, 'host:2', NOW)]);
    expect(both.filter((c) => c !== null).map((c) => c?.delivery.id)).toEqual([first.id]);
    expect((await stores.deliveries.unsent(ch)).map((d) => d.status)).toEqual(['attempted', 'planned', 'planned']);
    const other = (await stores.channels.ensure({ ...SLACK, channelId: 'C0PAUSED' }, NOW)).id;
    await stores.deliveries.planDigest(digestPlan(other, 'd1', ['2599.00003']));
    await stores.channels.setPaused(other, true, 'the channel is archived', at(1));
    expect(await stores.deliveries.claimFirst(other, 'host:1', at(2))).toBeNull();
    expect(await stores.deliveries.claimFirst(987654, 'host:1', at(2))).toBeNull();
  });

  it('markSentThenClaim records the post and its thread and claims the next delivery in plan order; a lost claim records and claims nothing', async () => {
    await stores.deliveries.claimFirst(ch, 'host:1', NOW);
    const step = await stores.deliveries.markSentThenClaim(first.id, ch, 'host:1', { messageId: 'm1', threadId: null }, at(1));
    expect(step).toMatchObject({
      recorded: true,
      next: { delivery: { paperId: '2599.00001', status: 'attempted', claimedBy: 'host:1' }, maybeSent: false, firstAttemptAt: at(1) },
    });
    const second = step.next!.delivery;
    // Taken over meanwhile: host:1's record is refused, and it claims nothing more.
    expect((await stores.deliveries.claim(second.id, 'host:2', at(2), 0, { owner: 'host:1', claimedAt: at(1) })).claimed).toBe(true);
    expect(await stores.deliveries.markSentThenClaim(second.id, ch, 'host:1', { messageId: 'm2', threadId: 'm2' }, at(3))).toEqual({
      recorded: false,
      next: null,
    });
    expect((await stores.deliveries.unsent(ch)).map((d) => [d.paperId, d.status, d.claimedBy])).toEqual([
      ['2599.00001', 'attempted', 'host:2'],
      ['2599.00002', 'planned', null],
    ]);
    const third = await stores.deliveries.markSentThenClaim(second.id, ch, 'host:2', { messageId: 'm2', threadId: 'm2' }, at(4));
    expect(third.next?.delivery.paperId).toBe('2599.00002');
    expect(await stores.threads.paperFor(SLACK, 'm2')).toMatchObject({ paperId: '2599.00001', messageId: 'm2' });
    // The last one: recorded, nothing left to claim.
    expect(await stores.deliveries.markSentThenClaim(third.next!.delivery.id, ch, 'host:2', { messageId: 'm3', threadId: 'm3' }, at(5))).toEqual({
      recorded: true,
      next: null,
    });
    expect(await stores.deliveries.countByStatus()).toMatchObject({ sent: 3, planned: 0, attempted: 0 });
  });

  it('an expired claim is taken over by naming it, and the new owner hears it may have been sent', async () => {
    await stores.deliveries.claim(first.id, 'host:1', NOW, LEASE);
    const held = { owner: 'host:1', claimedAt: NOW };
    expect(await stores.deliveries.claim(first.id, 'host:2', at(LEASE), LEASE, held)).toEqual({ claimed: true, maybeSent: true, firstAttemptAt: NOW });
    expect((await stores.deliveries.unsent(ch))[0]).toMatchObject({ claimedBy: 'host:2', status: 'attempted' });
    // The new claim starts a new lease, and a takeover naming the old claim no longer matches anything.
    expect((await stores.deliveries.claim(first.id, 'host:3', at(LEASE * 3), LEASE, held)).claimed).toBe(false);
    expect((await stores.deliveries.claim(first.id, 'host:3', at(LEASE + 1), LEASE, { owner: 'host:2', claimedAt: at(LEASE) })).claimed).toBe(false);
  });

  it('a takeover is a compare-and-set on (owner, claim time): a renewed or re-taken claim is left alone', async () => {
    await stores.deliveries.claim(first.id, 'host:1', NOW, LEASE);
    // host:2 read the row (claimed at NOW by host:1); meanwhile host:1 renews its claim.
    expect(await stores.deliveries.renew(first.id, 'host:1', at(LEASE - 10))).toBe(true);
    expect((await stores.deliveries.claim(first.id, 'host:2', at(LEASE + 1), LEASE, { owner: 'host:1', claimedAt: NOW })).claimed).toBe(false);
    // The right time but the wrong owner does not match either.
    expect((await stores.deliveries.claim(first.id, 'host:2', at(LEASE * 3), LEASE, { owner: 'host:9', claimedAt: at(LEASE - 10) })).claimed).toBe(false);
    // Without naming the claim, an attempted row is never taken.
    expect((await stores.deliveries.claim(first.id, 'host:2', at(LEASE * 3), LEASE)).claimed).toBe(false);
    expect((await stores.deliveries.unsent(ch))[0]).toMatchObject({ claimedBy: 'host:1', claimedAt: at(LEASE - 10) });
  });

  it('only the owner renews, records a post, puts a delivery back or fails it', async () => {
    await stores.deliveries.claim(first.id, 'host:1', NOW, LEASE);
    expect(await stores.deliveries.renew(first.id, 'host:2', at(1))).toBe(false);
    expect(await stores.deliveries.markSent(first.id, 'host:2', { messageId: 'm2', threadId: null }, at(1))).toBe(false);
    expect(await stores.deliveries.retryLater(first.id, 'host:2', { at: at(1), reason: 'x', countAttempt: true, maybeSent: true })).toBe(false);
    expect(await stores.deliveries.fail(first.id, 'host:2', 'x', at(1))).toBe(false);
    expect((await stores.deliveries.unsent(ch))[0]).toMatchObject({ status: 'attempted', claimedBy: 'host:1', attempts: 0 });
    expect(await stores.deliveries.markSent(first.id, 'host:1', { messageId: 'm1', threadId: null }, at(1))).toBe(true);
    expect(await stores.deliveries.markSent(987654, 'host:1', { messageId: 'x', threadId: null }, NOW)).toBe(false);
  });

  it('a zero lease takes over at once (the owner is known to be dead)', async () => {
    await stores.deliveries.claim(first.id, 'host:1', NOW, LEASE);
    expect(await stores.deliveries.claim(first.id, 'host:2', NOW, 0, { owner: 'host:1', claimedAt: NOW })).toMatchObject({ claimed: true, maybeSent: true });
  });

  it('a sent delivery cannot be claimed again and leaves the unsent list', async () => {
    await stores.deliveries.claim(first.id, 'host:1', NOW, LEASE);
    await stores.deliveries.markSent(first.id, 'host:1', { messageId: '1710050000.000100', threadId: null }, at(5));
    expect((await stores.deliveries.claim(first.id, 'host:2', at(LEASE * 10), LEASE, { owner: 'host:1', claimedAt: NOW })).claimed).toBe(false);
    expect((await stores.deliveries.unsent(ch)).map((d) => d.id)).not.toContain(first.id);
    expect(await stores.deliveries.countByStatus()).toMatchObject({ sent: 1, planned: 2 });
  });

  it('claiming an unknown delivery is refused', async () => {
    expect(await stores.deliveries.claim(987654, 'host:1', NOW, LEASE)).toEqual({ claimed: false, maybeSent: false, firstAttemptAt: null });
  });

  it('a delivery put back waits for its next attempt time, counts the attempt and remembers it may have been sent', async () => {
    await stores.deliveries.claim(first.id, 'host:1', NOW, LEASE);
    await stores.deliveries.retryLater(first.id, 'host:1', { at: at(60_000), reason: 'Slack answered HTTP 503', countAttempt: true, maybeSent: true });
    expect((await stores.deliveries.queue(ch, at(59_999), 10)).map((d) => d.id)).not.toContain(first.id);
    expect((await stores.deliveries.claim(first.id, 'host:1', at(59_999), LEASE)).claimed).toBe(false);
    expect(await stores.deliveries.dueChannels(at(59_999), LEASE)).toEqual([ch]);
    const due = (await stores.deliveries.queue(ch, at(60_000), 10)).find((d) => d.id === first.id);
    expect(due).toMatchObject({ status: 'planned', attempts: 1, maybeSent: true, failureReason: 'Slack answered HTTP 503', nextAttemptAt: at(60_000) });
    // A rate limit neither counts nor forgets that an earlier attempt may have posted.
    expect(await stores.deliveries.claim(first.id, 'host:1', at(60_000), LEASE)).toEqual({ claimed: true, maybeSent: true, firstAttemptAt: NOW });
    await stores.deliveries.retryLater(first.id, 'host:1', { at: at(61_000), reason: 'rate limited', countAttempt: false, maybeSent: false });
    expect((await stores.deliveries.queue(ch, at(61_000), 10)).find((d) => d.id === first.id)).toMatchObject({ attempts: 1, maybeSent: true });
  });

  it('a failed delivery keeps its reason and leaves the queue; expiry fails what was never sent in time', async () => {
    await stores.deliveries.claim(first.id, 'host:1', NOW, LEASE);
    await stores.deliveries.fail(first.id, 'host:1', 'Discord refused the message as invalid (Invalid Form Body, 50035).', at(1));
    expect((await stores.deliveries.queue(ch, at(2), 10)).map((d) => d.id)).not.toContain(first.id);
    expect(await stores.deliveries.countByStatus()).toMatchObject({ failed: 1, planned: 2 });
    expect(await stores.deliveries.expire(NOW, 'too old', at(3))).toBe(0);
    expect(await stores.deliveries.expire(at(1), 'not delivered within 7 days', at(3))).toBe(2);
    expect(await stores.deliveries.countByStatus()).toMatchObject({ failed: 3, planned: 0 });
  });

  it('pausing a channel keeps its queue aside; resuming brings back what is within 7 days and fails the rest', async () => {
    const week = 7 * 24 * 3600 * 1000;
    await stores.deliveries.planDigest(digestPlan(ch, 'd0', ['2599.00007'], { plannedAt: at(-week - 1) }));
    await stores.deliveries.claim(first.id, 'host:1', NOW, LEASE);
    expect(await stores.channels.setPaused(ch, true, 'the channel is archived', at(1))).toEqual({ changed: true, deliveries: 5, expired: 0 });
    expect(await stores.channels.setPaused(ch, true, 'the channel is archived', at(2))).toMatchObject({ changed: false });
    expect(await stores.deliveries.countByStatus()).toMatchObject({ paused: 5, planned: 0, attempted: 0 });
    expect(await stores.deliveries.queue(ch, at(3), 10)).toEqual([]);
    expect(await stores.channels.setPaused(ch, false, null, at(10))).toEqual({ changed: true, deliveries: 3, expired: 2 });
    expect((await stores.deliveries.queue(ch, at(11), 10)).map((d) => d.paperId ?? d.kind)).toEqual(['header', '2599.00001', '2599.00002']);
    expect(await stores.deliveries.countByStatus()).toMatchObject({ failed: 2, planned: 3 });
  });

  it('a post recorded after its channel was paused still counts as sent', async () => {
    await stores.deliveries.claim(first.id, 'host:1', NOW, LEASE);
    await stores.channels.setPaused(ch, true, 'someone paused it', at(1));
    expect(await stores.deliveries.markSent(first.id, 'host:1', { messageId: 'm1', threadId: null }, at(2))).toBe(true);
    expect(await stores.deliveries.countByStatus()).toMatchObject({ sent: 1, paused: 2 });
  });

  it('a token failure pauses the workspace (or the whole platform), keeps the queue, and is listed until a resume', async () => {
    const second = (await stores.channels.ensure({ ...SLACK, channelId: 'C0SECOND' }, NOW)).id;
    const discord = (await stores.channels.ensure({ platform: 'discord', workspaceId: 'G1', channelId: '42' }, NOW)).id;
    const discord2 = (await stores.channels.ensure({ platform: 'discord', workspaceId: 'G2', channelId: '43' }, NOW)).id;
    expect(await stores.channels.pauseWorkspace('slack', SLACK.workspaceId, 'token_revoked', at(1))).toBe(2);
    expect(await stores.channels.pauseWorkspace('discord', null, 'Discord refused the bot token (401)', at(2))).toBe(2);
    expect((await stores.channels.list()).filter((c) => c.paused).map((c) => c.id)).toEqual([ch, second, discord, discord2]);
    expect(await stores.deliveries.countByStatus()).toMatchObject({ paused: 3 });
    expect(await stores.channels.tokenFailures()).toEqual([
      { platform: 'discord', workspaceId: null, reason: 'Discord refused the bot token (401)', at: at(2) },
      { platform: 'slack', workspaceId: SLACK.workspaceId, reason: 'token_revoked', at: at(1) },
    ]);
    await stores.channels.setPaused(second, false, null, at(3));
    expect((await stores.channels.tokenFailures()).map((t) => t.platform)).toEqual(['discord']);
  });

  it('unsent lists planned and attempted rows of every channel in plan order', async () => {
    const other = (await stores.channels.ensure({ ...SLACK, channelId: 'C0OTHER' }, NOW)).id;
    await stores.deliveries.planDigest(digestPlan(other, 'd0', ['2599.00009'], { plannedAt: at(-1000) }));
    await stores.deliveries.claim(first.id, 'host:1', NOW, LEASE);
    const all = await stores.deliveries.unsent();
    expect(all.map((d) => [d.channelId, d.digestId, d.seq])).toEqual([
      [other, 'd0', 0],
      [other, 'd0', 1],
      [ch, 'd1', 0],
      [ch, 'd1', 1],
      [ch, 'd1', 2],
    ]);
    expect(all[2]?.status).toBe('attempted');
  });

  describe('release', () => {
    beforeEach(async () => {
      await stores.deliveries.planDigest(digestPlan(ch, 'd2', ['2599.00011', '2599.00012', '2599.00013', '2599.00014'], { shown: 1, plannedAt: at(1000) }));
    });

    it('turns held papers into planned ones under the new digest, in the given order, before its "more" line', async () => {
      const held = await stores.deliveries.held(ch);
      expect(held.map((d) => d.paperId)).toEqual(['2599.00012', '2599.00013', '2599.00014']);
      const [a, b] = held;
      if (!a || !b) throw new Error('fixture');
      await stores.deliveries.release(ch, [b.id, a.id], 'd3', at(2000));
      await stores.deliveries.planDigest({ channelId: ch, digestId: 'd3', plannedAt: at(2000), coveredUntil: NOW, deliveries: [more('d3', 1)] });
      const d3 = (await stores.deliveries.unsent(ch)).filter((d) => d.digestId === 'd3');
      expect(d3.map((d) => [d.kind, d.paperId, d.seq])).toEqual([
        ['paper', '2599.00013', 0],
        ['paper', '2599.00012', 1],
        ['more', null, 2],
      ]);
      expect(d3[0]?.plannedAt).toBe(at(2000));
      expect((await stores.deliveries.held(ch)).map((d) => d.paperId)).toEqual(['2599.00014']);
    });

    it('ignores ids that are not held papers of this channel', async () => {
      const other = (await stores.channels.ensure({ ...SLACK, channelId: 'C0OTHER' }, NOW)).id;
      await stores.deliveries.planDigest(digestPlan(other, 'o1', ['2599.00021', '2599.00022'], { shown: 0 }));
      const foreign = (await stores.deliveries.held(other))[0];
      const held = (await stores.deliveries.held(ch))[0];
      if (!foreign || !held) throw new Error('fixture');
      await stores.deliveries.release(ch, [foreign.id, first.id, held.id], 'd3', at(2000));
      expect((await stores.deliveries.held(other)).length).toBe(2);
      const d3 = (await stores.deliveries.unsent(ch)).filter((d) => d.digestId === 'd3');
      expect(d3.map((d) => [d.id, d.seq])).toEqual([[held.id, 0]]);
      expect((await stores.deliveries.unsent(ch)).find((d) => d.id === first.id)?.digestId).toBe('d1');
    });
  });
});
