import { beforeEach, describe, expect, it } from 'vitest';
import type { PlannedDelivery, Stores } from '../../src/store/types.js';
import { digestPlan, header, more, NOW, paper, SLACK, openWithChannel } from './helpers.js';
import { describeEngines } from './engines.js';

describeEngines('delivery store: planning', (t) => {
  let stores: Stores;
  let ch: number;
  beforeEach(async () => {
    ({ stores, channelId: ch } = await openWithChannel(t));
  });

  it('writes a whole plan in order and moves the channel window', async () => {
    const plan = digestPlan(ch, 'd1', ['2599.00001', '2599.00002', '2599.00003'], { shown: 2, coveredUntil: '2026-03-10T07:00:00.000Z' });
    expect(await stores.deliveries.planDigest(plan)).toBe(5);
    const unsent = await stores.deliveries.unsent(ch);
    expect(unsent.map((d) => [d.kind, d.paperId, d.seq])).toEqual([
      ['header', null, 0],
      ['paper', '2599.00001', 1],
      ['paper', '2599.00002', 2],
      ['more', null, 4],
    ]);
    expect(unsent[1]).toEqual({
      id: unsent[1]?.id,
      channelId: ch,
      digestId: 'd1',
      seq: 1,
      kind: 'paper',
      paperId: '2599.00001',
      idempotencyKey: `p-${ch}-2599.00001`,
      message: plan.deliveries[1]?.message,
      status: 'planned',
      messageId: null,
      threadId: null,
      claimedBy: null,
      claimedAt: null,
      plannedAt: NOW,
      sentAt: null,
      attempts: 0,
      nextAttemptAt: null,
      maybeSent: false,
      firstAttemptAt: null,
      failureReason: null,
    });
    expect((await stores.deliveries.held(ch)).map((d) => d.paperId)).toEqual(['2599.00003']);
    expect((await stores.channels.get(ch))?.lastDigestAt).toBe('2026-03-10T07:00:00.000Z');
    expect(await stores.deliveries.countByStatus()).toEqual({ planned: 4, attempted: 0, sent: 0, held: 1, failed: 0, paused: 0 });
  });

  it('offered names the papers this channel was ever given, held ones included', async () => {
    await stores.deliveries.planDigest(digestPlan(ch, 'd1', ['2599.00001', '2599.00002'], { shown: 1 }));
    const other = (await stores.channels.ensure({ ...SLACK, channelId: 'C0OTHER' }, NOW)).id;
    expect(await stores.deliveries.offered(ch, ['2599.00001', '2599.00002', '2599.00009'])).toEqual(new Set(['2599.00001', '2599.00002']));
    expect(await stores.deliveries.offered(other, ['2599.00001'])).toEqual(new Set());
    expect(await stores.deliveries.offered(ch, [])).toEqual(new Set());
  });

  it('never plans a paper for a channel twice, even in a later digest', async () => {
    await stores.deliveries.planDigest(digestPlan(ch, 'd1', ['2599.00001']));
    const written = await stores.deliveries.planDigest(digestPlan(ch, 'd2', ['2599.00001', '2599.00002']));
    expect(written).toBe(2);
    const papers = (await stores.deliveries.unsent(ch)).filter((d) => d.kind === 'paper');
    expect(papers.map((d) => [d.digestId, d.paperId])).toEqual([
      ['d1', '2599.00001'],
      ['d2', '2599.00002'],
    ]);
  });

  it('writes no lone header when every paper of the plan was already given to the channel', async () => {
    await stores.deliveries.planDigest(digestPlan(ch, 'd1', ['2599.00001']));
    const later = digestPlan(ch, 'd2', ['2599.00001'], { coveredUntil: '2026-03-11T07:00:00.000Z' });
    expect(await stores.deliveries.planDigest(later)).toBe(0);
    expect((await stores.deliveries.unsent(ch)).map((d) => d.digestId)).toEqual(['d1', 'd1']);
    expect((await stores.channels.get(ch))?.lastDigestAt).toBe('2026-03-11T07:00:00.000Z');
  });

  it('planning the same plan again writes nothing new', async () => {
    const plan = digestPlan(ch, 'd1', ['2599.00001', '2599.00002']);
    await stores.deliveries.planDigest(plan);
    expect(await stores.deliveries.planDigest({ ...plan, deliveries: [header('d1', 2)] })).toBe(0);
    expect(await stores.deliveries.unsent(ch)).toHaveLength(3);
  });

  it('a plan of only a notice or a "more" line is written', async () => {
    const notice: PlannedDelivery = {
      kind: 'notice',
      paperId: null,
      idempotencyKey: 'n-1',
      message: { kind: 'notice', lines: [['Sources are down: ', { bold: 'hf' }]] },
      status: 'planned',
    };
    expect(await stores.deliveries.planDigest({ channelId: ch, digestId: 'd1', plannedAt: NOW, coveredUntil: NOW, deliveries: [notice, more('d1', 3)] })).toBe(
      2,
    );
    expect((await stores.deliveries.unsent(ch)).map((d) => d.message)).toEqual([notice.message, { kind: 'more', remaining: 3 }]);
  });

  describe('rollback', () => {
    async function expectUntouched(): Promise<void> {
      expect(await stores.deliveries.countByStatus()).toEqual({ planned: 0, attempted: 0, sent: 0, held: 0, failed: 0, paused: 0 });
      expect((await stores.channels.get(ch))?.lastDigestAt).toBe('2026-03-09T07:00:00.000Z');
    }
    beforeEach(async () => {
      // Give the channel a window so we can see it not move.
      await stores.deliveries.planDigest({ channelId: ch, digestId: 'd0', plannedAt: NOW, coveredUntil: '2026-03-09T07:00:00.000Z', deliveries: [] });
    });

    it('a plan failing on its third delivery writes nothing and leaves the window', async () => {
      const plan = digestPlan(ch, 'd1', ['2599.00001', '2599.00002', '2599.00003'], { coveredUntil: '2026-03-10T07:00:00.000Z' });
      // A paper delivery without its paper id breaks a table constraint mid-plan.
      plan.deliveries[3] = { ...paper(ch, '2599.00003'), paperId: null };
      await expect(stores.deliveries.planDigest(plan)).rejects.toThrow(/CHECK/i);
      await expectUntouched();
    });

    it('a message that would not read back is refused before anything is written', async () => {
      const plan = digestPlan(ch, 'd1', ['2599.00001', '2599.00002'], { coveredUntil: '2026-03-10T07:00:00.000Z' });
      plan.deliveries[2] = { ...paper(ch, '2599.00002'), message: { kind: 'more', remaining: -1 } };
      await expect(stores.deliveries.planDigest(plan)).rejects.toThrow(/invalid paper delivery/);
      await expectUntouched();
    });

    it('a plan for a channel that does not exist writes nothing', async () => {
      await expect(stores.deliveries.planDigest(digestPlan(9999, 'd1', ['2599.00001']))).rejects.toThrow(/FOREIGN KEY|no channel/i);
      await expectUntouched();
    });
  });
});
