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
    expect(await stores.deliveries.claim(first.id, 'host:1', NOW, LEASE)).toEqual({ claimed: true, maybeSent: false });
    expect(await stores.deliveries.claim(first.id, 'host:2', at(LEASE - 1), LEASE)).toEqual({ claimed: false, maybeSent: false });
    const row = (await stores.deliveries.unsent(ch))[0];
    expect(row).toMatchObject({ id: first.id, status: 'attempted', claimedBy: 'host:1' });
  });

  it('an expired lease can be taken over, and the new owner hears it may have been sent', async () => {
    await stores.deliveries.claim(first.id, 'host:1', NOW, LEASE);
    expect(await stores.deliveries.claim(first.id, 'host:2', at(LEASE), LEASE)).toEqual({ claimed: true, maybeSent: true });
    expect((await stores.deliveries.unsent(ch))[0]).toMatchObject({ claimedBy: 'host:2', status: 'attempted' });
    // The new claim starts a new lease.
    expect((await stores.deliveries.claim(first.id, 'host:3', at(LEASE + 1), LEASE)).claimed).toBe(false);
  });

  it('a zero lease takes over at once (the owner is known to be dead)', async () => {
    await stores.deliveries.claim(first.id, 'host:1', NOW, LEASE);
    expect(await stores.deliveries.claim(first.id, 'host:2', NOW, 0)).toEqual({ claimed: true, maybeSent: true });
  });

  it('a sent delivery cannot be claimed again and leaves the unsent list', async () => {
    await stores.deliveries.claim(first.id, 'host:1', NOW, LEASE);
    await stores.deliveries.markSent(first.id, { messageId: '1710050000.000100', threadId: null }, at(5));
    expect(await stores.deliveries.claim(first.id, 'host:2', at(LEASE * 10), LEASE)).toEqual({ claimed: false, maybeSent: false });
    expect((await stores.deliveries.unsent(ch)).map((d) => d.id)).not.toContain(first.id);
    expect(await stores.deliveries.countByStatus()).toMatchObject({ sent: 1, planned: 2 });
    await expect(stores.deliveries.markSent(987654, { messageId: 'x', threadId: null }, NOW)).rejects.toThrow(/no delivery 987654/);
  });

  it('claiming an unknown delivery is refused', async () => {
    expect(await stores.deliveries.claim(987654, 'host:1', NOW, LEASE)).toEqual({ claimed: false, maybeSent: false });
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

  it('failChannel fails what is planned or attempted, keeps what was sent or held', async () => {
    await stores.deliveries.planDigest(digestPlan(ch, 'd2', ['2599.00003', '2599.00004'], { shown: 1 }));
    await stores.deliveries.claim(first.id, 'host:1', NOW, LEASE);
    await stores.deliveries.markSent(first.id, { messageId: 'm1', threadId: null }, NOW);
    const second = (await stores.deliveries.unsent(ch))[0];
    if (!second) throw new Error('nothing unsent');
    await stores.deliveries.claim(second.id, 'host:1', NOW, LEASE);
    expect(await stores.deliveries.failChannel(ch, at(1))).toBe(5);
    expect(await stores.deliveries.countByStatus()).toEqual({ planned: 0, attempted: 0, sent: 1, held: 1, failed: 5 });
    expect(await stores.deliveries.unsent(ch)).toEqual([]);
    // A failed paper still counts as offered: it is never planned again.
    expect(await stores.deliveries.offered(ch, ['2599.00002'])).toEqual(new Set(['2599.00002']));
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
