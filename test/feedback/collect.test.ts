import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelRef, FeedbackSnapshotItem, PostedPaper } from '../../src/chat/port.js';
import { makePaper } from '../support/papers.js';
import { RecordingPort } from '../support/recording-port.js';
import { learningHarness, type LearningHarness } from './helpers.js';

/** A port that gets no events, like Discord in HTTP-interactions mode: it reads feedback when asked. */
class SnapshotPort extends RecordingPort {
  calls: PostedPaper[][] = [];
  snapshot: (posts: readonly PostedPaper[]) => FeedbackSnapshotItem[] = () => [];
  fail = false;

  constructor() {
    super('discord');
  }

  async collectFeedback(_channel: ChannelRef, posts: readonly PostedPaper[]) {
    this.calls.push([...posts]);
    if (this.fail) throw new Error('429 from the fake');
    return { snapshot: this.snapshot(posts), covered: posts.map((p) => p.messageId) };
  }
}

let h: LearningHarness;
afterEach(() => h?.stores.close());

function pruning(n: number, day: string) {
  return Array.from({ length: n }, (_, i) => makePaper({ title: `Pruning ${day} ${i}`, abstract: 'Network pruning.', publishedAt: `${day}T06:00:00.000Z` }));
}

describe('feedback snapshots before a digest', () => {
  it('reads the recent posts’ reactions before the next digest, stores them, and treats vanished ones as removed', async () => {
    const port = new SnapshotPort();
    h = learningHarness({ port, now: '2026-03-09T08:00:00.000Z' });
    const channel = await h.channel('c1', ['pruning']);
    h.source.set('2026-03-09', pruning(3, '2026-03-09'));
    await h.digest.runCycle();
    expect(port.calls).toEqual([]); // nothing posted yet, nothing to read

    const posts = await h.stores.threads.postedIn(channel.id);
    port.snapshot = (asked) =>
      asked.slice(0, 2).map((p, i) => ({
        messageOrThreadId: p.messageId,
        userId: `U${i}`,
        kind: 'reaction',
        emoji: '👍',
        eventKey: `${p.messageId}:U${i}:👍`,
        at: '2026-03-09T12:00:00.000Z',
      }));
    h.clock.set('2026-03-10T08:00:00.000Z');
    h.source.set('2026-03-10', pruning(2, '2026-03-10'));
    await h.digest.runCycle();
    expect(port.calls[0]?.map((p) => p.paperId)).toEqual(posts.map((p) => p.paperId));
    expect((await h.stores.feedback.forChannel(channel.id)).filter((e) => !e.removed)).toHaveLength(2);

    // Next day one 👍 is gone from the platform.
    port.snapshot = (asked) => [
      {
        messageOrThreadId: asked[0]!.messageId,
        userId: 'U0',
        kind: 'reaction',
        emoji: '👍',
        eventKey: `${asked[0]!.messageId}:U0:👍`,
        at: '2026-03-09T12:00:00.000Z',
      },
    ];
    h.clock.set('2026-03-11T08:00:00.000Z');
    await h.digest.runCycle();
    const events = await h.stores.feedback.forChannel(channel.id);
    expect(events.filter((e) => e.removed).map((e) => e.userId)).toEqual(['U1']);
    expect(port.calls[1]).toHaveLength(5);
  });

  it('a failed read is logged and the digest still goes out; a dry run reads nothing', async () => {
    const port = new SnapshotPort();
    h = learningHarness({ port, now: '2026-03-09T08:00:00.000Z' });
    await h.channel('c1', ['pruning']);
    h.source.set('2026-03-09', pruning(2, '2026-03-09'));
    await h.digest.runCycle();
    port.fail = true;
    h.clock.set('2026-03-10T08:00:00.000Z');
    h.source.set('2026-03-10', pruning(2, '2026-03-10'));
    const report = await h.digest.runCycle();
    expect(port.calls).toHaveLength(1);
    expect(report.channels[0]).toMatchObject({ planned: 2, failed: false });
    expect(port.papersSent()).toHaveLength(4);

    h.clock.set('2026-03-11T08:00:00.000Z');
    h.source.set('2026-03-11', pruning(1, '2026-03-11'));
    await h.digest.digestChannel((await h.stores.channels.list())[0]!.id, { dryRun: true });
    expect(port.calls).toHaveLength(1);
  });
});
