import { beforeEach, expect, it } from 'vitest';
import type { FeedbackEvent } from '../../src/learn/feedback.js';
import type { Stores } from '../../src/store/types.js';
import { describeEngines } from './engines.js';
import { digestPlan, NOW, SLACK, openWithChannel } from './helpers.js';

function event(over: Partial<FeedbackEvent> = {}): FeedbackEvent {
  return {
    eventKey: 'k1',
    channelId: 1,
    paperId: '2599.00001',
    userId: 'U1',
    kind: 'reaction',
    emoji: '+1',
    removed: false,
    at: '2026-03-10T09:00:00.000Z',
    ...over,
  };
}

describeEngines('migration 5 on a version-4 database', (t) => {
  it('adds feedback_events and channel_settings, keeps the old rows, and old channels get default settings', async () => {
    const db = await t.blank();
    await db.migrate(db.migrations.slice(0, 4));
    expect(await db.schemaVersion()).toBe(4);
    await db.query(
      `INSERT INTO channels (id, platform, workspace_id, channel_id, created_at) VALUES (3, 'slack', 'T0FIXTURE', 'C0FIXTURE', '2026-03-01T00:00:00.000Z')`,
    );
    await db.query(
      `INSERT INTO threads (channel_id, paper_id, message_id, thread_id, created_at) VALUES (3, '2599.00001', 'm1', 't1', '2026-03-02T00:00:00.000Z')`,
    );

    const stores = await db.open();
    try {
      expect((await stores.channels.find(SLACK))?.id).toBe(3);
      expect(await stores.settings.get(3)).toMatchObject({ channelId: 3, learn: true, threshold: null, positiveEmoji: null, recapEnabled: false });
      expect((await stores.threads.postedIn(3)).map((t) => t.paperId)).toEqual(['2599.00001']);
      expect(await stores.feedback.record(event({ channelId: 3 }))).toBe('stored');
      expect(await stores.feedback.forChannel(3)).toHaveLength(1);
    } finally {
      await stores.close();
    }
    expect(await db.schemaVersion()).toBe(db.migrations.length);
  });
});

describeEngines('feedback, settings and posted papers', (t) => {
  let stores: Stores;
  let channelId: number;
  beforeEach(async () => {
    ({ stores, channelId } = await openWithChannel(t));
  });

  it('stores an event once by key; a removal flips it; an older redelivery does not undo the removal', async () => {
    const e = event({ channelId });
    expect(await stores.feedback.record(e)).toBe('stored');
    expect(await stores.feedback.record(e)).toBe('duplicate');
    expect(await stores.feedback.record({ ...e, removed: true, at: '2026-03-10T10:00:00.000Z' })).toBe('stored');
    expect(await stores.feedback.record(e)).toBe('duplicate');
    const rows = await stores.feedback.forChannel(channelId);
    expect(rows).toEqual([{ ...e, removed: true, at: '2026-03-10T10:00:00.000Z' }]);
    // Added again later: live again.
    expect(await stores.feedback.record({ ...e, at: '2026-03-10T11:00:00.000Z' })).toBe('stored');
    expect((await stores.feedback.forChannel(channelId))[0]?.removed).toBe(false);
  });

  it('lists a channel’s events oldest first, bounded by since, and deletes them with the channel', async () => {
    await stores.feedback.record(event({ channelId, eventKey: 'b', at: '2026-03-11T00:00:00.000Z' }));
    await stores.feedback.record(event({ channelId, eventKey: 'a', at: '2026-03-09T00:00:00.000Z', kind: 'reply', emoji: null }));
    expect((await stores.feedback.forChannel(channelId)).map((e) => e.eventKey)).toEqual(['a', 'b']);
    expect((await stores.feedback.forChannel(channelId, { since: '2026-03-10T00:00:00.000Z' })).map((e) => e.eventKey)).toEqual(['b']);
    await expect(stores.feedback.record(event({ channelId: 999, eventKey: 'c' }))).rejects.toThrow(/FOREIGN KEY/i);
  });

  it('settings: defaults, partial updates kept together, recap list', async () => {
    expect(await stores.settings.get(channelId)).toEqual({
      channelId,
      learn: true,
      threshold: null,
      positiveEmoji: null,
      negativeEmoji: null,
      recapEnabled: false,
      recapWeekday: null,
      recapTime: null,
      lastRecapAt: null,
    });
    await stores.settings.update(channelId, { threshold: 0.4 });
    await stores.settings.update(channelId, { learn: false, positiveEmoji: ['🚀', 'rocket'] });
    const s = await stores.settings.update(channelId, { recapEnabled: true, recapWeekday: 5, recapTime: '16:00' });
    expect(s).toMatchObject({ learn: false, threshold: 0.4, positiveEmoji: ['🚀', 'rocket'], negativeEmoji: null, recapEnabled: true, recapWeekday: 5 });
    expect(await stores.settings.get(channelId)).toEqual(s);
    expect((await stores.settings.withRecap()).map((x) => x.channelId)).toEqual([channelId]);
    await expect(stores.settings.update(channelId, { threshold: 2 })).rejects.toThrow(/CHECK/i);
  });

  it('postedIn: oldest first, since and limit keep the newest', async () => {
    for (const [i, day] of ['03', '05', '07', '09'].entries()) {
      await stores.threads.record({ channelId, paperId: `2599.0000${i}`, messageId: `m${i}`, threadId: `t${i}`, createdAt: `2026-03-${day}T00:00:00.000Z` });
    }
    expect((await stores.threads.postedIn(channelId)).map((t) => t.paperId)).toEqual(['2599.00000', '2599.00001', '2599.00002', '2599.00003']);
    expect((await stores.threads.postedIn(channelId, { since: '2026-03-06T00:00:00.000Z' })).map((t) => t.messageId)).toEqual(['m2', 'm3']);
    expect((await stores.threads.postedIn(channelId, { limit: 3 })).map((t) => t.messageId)).toEqual(['m1', 'm2', 'm3']);
  });

  it('a keepWindow plan leaves the channel’s digest window alone', async () => {
    await stores.deliveries.planDigest(digestPlan(channelId, 'd1', ['2599.00001'], { coveredUntil: '2026-03-10T00:00:00.000Z' }));
    await stores.deliveries.planDigest({
      channelId,
      digestId: 'r1',
      plannedAt: NOW,
      coveredUntil: '2099-01-01T00:00:00.000Z',
      keepWindow: true,
      deliveries: [{ kind: 'notice', paperId: null, idempotencyKey: 'recap-1', message: { kind: 'notice', lines: [['hi']] }, status: 'planned' }],
    });
    expect((await stores.channels.get(channelId))?.lastDigestAt).toBe('2026-03-10T00:00:00.000Z');
    expect((await stores.deliveries.unsent(channelId)).map((d) => d.kind)).toContain('notice');
  });
});
