import { afterEach, describe, expect, it } from 'vitest';
import type { FeedbackInput } from '../../src/chat/adapter.js';
import type { ChannelRef, OutboundMessage } from '../../src/chat/port.js';
import { lineText } from '../../src/chat/reply.js';
import { createRecapRunner, type RecapRunner } from '../../src/feedback/recap-runner.js';
import { silentLogger } from '../../src/log.js';
import { startScheduler } from '../../src/schedule/scheduler.js';
import type { Channel } from '../../src/store/types.js';
import { makePaper } from '../support/papers.js';
import { BOT, learningHarness, type LearningHarness } from './helpers.js';

let h: LearningHarness;
afterEach(() => h?.stores.close());

const REF: ChannelRef = { platform: 'slack', workspaceId: 'W1', channelId: 'c1' };

async function setup(figures: (string | null)[] = []): Promise<{
  channel: Channel;
  runner: RecapRunner;
  posts: { paperId: string; messageId: string; threadId: string }[];
  titles: Map<string, string>;
}> {
  // Monday 2026-03-09.
  h = learningHarness({ now: '2026-03-09T08:00:00.000Z' });
  const papers = [1, 2, 3, 4].map((i) => makePaper({ title: `Pruning study ${i}`, abstract: 'Network pruning.', imageUrl: figures[i - 1] ?? null }));
  h.source.set('2026-03-09', papers);
  const channel = await h.channel('c1', ['pruning']);
  await h.digest.runCycle();
  const posts = await h.stores.threads.postedIn(channel.id);
  expect(posts).toHaveLength(4);
  const runner = createRecapRunner({
    stores: h.stores,
    clock: h.clock,
    logger: silentLogger(),
    defaultTimezone: 'UTC',
    botUserIds: [BOT],
    deliver: (id) => h.digest.deliver(id),
  });
  await h.stores.settings.update(channel.id, { recapEnabled: true, recapWeekday: 5, recapTime: '16:00', lastRecapAt: '2026-03-09T08:00:00.000Z' });
  return { channel, runner, posts, titles: new Map(papers.map((p) => [p.id, p.title])) };
}

function fb(over: Partial<FeedbackInput> & Pick<FeedbackInput, 'messageOrThreadId' | 'eventKey'>): FeedbackInput {
  return { channel: REF, userId: 'U1', kind: 'reply', emoji: null, removed: false, at: '2026-03-10T10:00:00.000Z', ...over };
}

function notices(): Extract<OutboundMessage, { kind: 'notice' }>[] {
  return h.port.sends.flatMap((s) => (s.message.kind === 'notice' ? [s.message] : []));
}

describe('weekly recap', () => {
  it('posts once at the weekly slot: the most discussed papers first, each linking to its thread', async () => {
    const { runner, posts, titles } = await setup();
    const [a, b, c] = posts as [(typeof posts)[0], (typeof posts)[0], (typeof posts)[0]];
    // b: a conversation of three people; a: two 👍; c: one reply, later deleted; the bot's reply counts for nothing.
    for (const [i, user] of ['U1', 'U2', 'U3', 'U1'].entries())
      await h.recorder.record(fb({ messageOrThreadId: b.messageId, userId: user, eventKey: `b-r${i}` }));
    await h.recorder.record(fb({ messageOrThreadId: a.messageId, kind: 'reaction', emoji: '+1', eventKey: 'a-1' }));
    await h.recorder.record(fb({ messageOrThreadId: a.messageId, userId: 'U2', kind: 'reaction', emoji: 'star', eventKey: 'a-2' }));
    await h.recorder.record(fb({ messageOrThreadId: a.messageId, userId: 'U3', kind: 'reaction', emoji: '-1', eventKey: 'a-3' }));
    await h.recorder.record(fb({ messageOrThreadId: c.messageId, eventKey: 'c-1' }));
    await h.recorder.record(fb({ messageOrThreadId: c.messageId, eventKey: 'c-1', removed: true, at: '2026-03-10T11:00:00.000Z' }));
    await h.recorder.record(fb({ messageOrThreadId: posts[3]!.messageId, userId: BOT, eventKey: 'bot-1' }));

    h.clock.set('2026-03-13T15:59:00.000Z');
    expect(await runner.runDue()).toBe(0);
    expect(notices()).toHaveLength(0);

    h.clock.set('2026-03-13T16:00:00.000Z');
    expect(await runner.runDue()).toBe(1);
    const [recap] = notices();
    expect(recap).toBeDefined();
    const text = recap!.lines.map(lineText);
    expect(text).toEqual([
      'Most discussed here this week',
      `1. ${titles.get(b.paperId)} — 3 people replied (4 replies)`,
      `2. ${titles.get(a.paperId)} — 2 positive reactions`,
    ]);
    const links = recap!.lines.flat().flatMap((p) => (typeof p === 'object' && 'link' in p ? [p.link.url] : []));
    expect(links).toEqual([`https://slack.com/archives/c1/p${b.messageId.replace('.', '')}`, `https://slack.com/archives/c1/p${a.messageId.replace('.', '')}`]);

    // Later the same week, and a rerun with the state reset: never a second post for the week.
    h.clock.set('2026-03-13T16:05:00.000Z');
    expect(await runner.runDue()).toBe(0);
    const channel = (await h.stores.channels.find(REF))!;
    await h.stores.settings.update(channel.id, { lastRecapAt: null });
    expect(await runner.runDue()).toBe(1);
    expect(notices()).toHaveLength(1);
    // The recap did not move the digest window.
    expect(channel.lastDigestAt).toBe((await h.stores.channels.get(channel.id))?.lastDigestAt);
  });

  it('shows the most discussed paper’s figure, and none when that paper has none', async () => {
    const figure = (i: number) => `https://cdn-uploads.huggingface.co/production/uploads/fixture/figure${i}.png`;
    const { runner, posts, titles } = await setup([figure(1), figure(2), figure(3), null]);
    const byPaper = new Map(posts.map((p) => [p.paperId, p]));
    const ids = [...titles.keys()];
    // Paper 2 is the most discussed, paper 1 next; then a week where only paper 4 (no figure) is.
    const second = byPaper.get(ids[1]!)!;
    const first = byPaper.get(ids[0]!)!;
    await h.recorder.record(fb({ messageOrThreadId: second.messageId, eventKey: 's-1' }));
    await h.recorder.record(fb({ messageOrThreadId: second.messageId, userId: 'U2', eventKey: 's-2' }));
    await h.recorder.record(fb({ messageOrThreadId: first.messageId, kind: 'reaction', emoji: '+1', eventKey: 'f-1' }));
    h.clock.set('2026-03-13T16:00:00.000Z');
    expect(await runner.runDue()).toBe(1);
    expect(notices()[0]?.image).toEqual({ url: figure(2), alt: titles.get(ids[1]!) });

    const fourth = byPaper.get(ids[3]!)!;
    await h.recorder.record(fb({ messageOrThreadId: fourth.messageId, eventKey: 'n-1', at: '2026-03-18T10:00:00.000Z' }));
    h.clock.set('2026-03-20T16:00:00.000Z');
    expect(await runner.runDue()).toBe(1);
    expect(notices()).toHaveLength(2);
    expect(notices()[1]?.image).toBeUndefined();
  });

  it("links each paper through the platform's own permalink where the port gives one, else builds the link", async () => {
    const { posts } = await setup();
    const [a, b] = posts as [(typeof posts)[0], (typeof posts)[0]];
    await h.recorder.record(fb({ messageOrThreadId: a.messageId, eventKey: 'a-1' }));
    await h.recorder.record(fb({ messageOrThreadId: a.messageId, userId: 'U2', eventKey: 'a-2' }));
    await h.recorder.record(fb({ messageOrThreadId: b.messageId, eventKey: 'b-1' }));
    const asked: string[] = [];
    const runner = createRecapRunner({
      stores: h.stores,
      clock: h.clock,
      logger: silentLogger(),
      defaultTimezone: 'UTC',
      botUserIds: [BOT],
      deliver: (id) => h.digest.deliver(id),
      permalink: async (ch, post) => {
        asked.push(`${ch.channelId}:${post.messageId}`);
        return post.messageId === a.messageId ? `https://workspace.example/archives/${post.messageId}` : null;
      },
    });
    h.clock.set('2026-03-13T16:00:00.000Z');
    expect(await runner.runDue()).toBe(1);
    const links = notices()[0]!
      .lines.flat()
      .flatMap((p) => (typeof p === 'object' && 'link' in p ? [p.link.url] : []));
    expect(links).toEqual([`https://workspace.example/archives/${a.messageId}`, `https://slack.com/archives/c1/p${b.messageId.replace('.', '')}`]);
    expect(asked).toEqual([`c1:${a.messageId}`, `c1:${b.messageId}`]);
  });

  it('nothing is posted in a week without discussion, and the next week is judged on its own events', async () => {
    const { runner, posts } = await setup();
    h.clock.set('2026-03-13T16:00:00.000Z');
    expect(await runner.runDue()).toBe(1);
    expect(notices()).toHaveLength(0);
    expect(await runner.runDue()).toBe(0);

    await h.recorder.record(fb({ messageOrThreadId: posts[0]!.messageId, eventKey: 'late', at: '2026-03-16T10:00:00.000Z' }));
    h.clock.set('2026-03-20T16:00:00.000Z');
    expect(await runner.runDue()).toBe(1);
    expect(notices()).toHaveLength(1);
    // Two weeks on, last week's reply is too old for a recap.
    h.clock.set('2026-03-27T16:00:00.000Z');
    expect(await runner.runDue()).toBe(1);
    expect(notices()).toHaveLength(1);
  });

  it('a paused channel or a channel with recaps off gets none', async () => {
    const { runner, posts, channel } = await setup();
    await h.recorder.record(fb({ messageOrThreadId: posts[0]!.messageId, eventKey: 'r' }));
    h.clock.set('2026-03-13T16:00:00.000Z');
    await h.stores.channels.setPaused(channel.id, true, 'test');
    expect(await runner.runDue()).toBe(0);
    await h.stores.channels.setPaused(channel.id, false, null);
    await h.stores.settings.update(channel.id, { recapEnabled: false });
    expect(await runner.runDue()).toBe(0);
    expect(notices()).toHaveLength(0);
  });

  it('the minute scheduler posts the recap when its slot comes, after the day’s digests', async () => {
    const { runner, posts } = await setup();
    await h.recorder.record(fb({ messageOrThreadId: posts[1]!.messageId, eventKey: 'r' }));
    const scheduler = startScheduler({
      stores: h.stores,
      digest: h.digest,
      clock: h.clock,
      logger: silentLogger(),
      defaults: { time: '08:00', timezone: 'UTC' },
      cronExpression: '0 0 1 1 *',
      recaps: runner,
    });
    try {
      h.clock.set('2026-03-13T15:00:00.000Z');
      await scheduler.tick();
      expect(notices()).toHaveLength(0);
      h.clock.set('2026-03-13T16:00:00.000Z');
      await scheduler.tick();
      await scheduler.tick();
      expect(notices()).toHaveLength(1);
      expect(h.port.kinds().at(-1)).toBe('notice');
    } finally {
      scheduler.stop();
    }
  });

  it('reads feedback first on a port without events, so a reply seen only then is in the recap', async () => {
    const { posts, channel } = await setup();
    const seen: number[] = [];
    const runner = createRecapRunner({
      stores: h.stores,
      clock: h.clock,
      defaultTimezone: 'UTC',
      deliver: (id) => h.digest.deliver(id),
      collect: async (c) => {
        seen.push(c.id);
        await h.recorder.record(fb({ messageOrThreadId: posts[2]!.messageId, eventKey: 'snap-1', at: '2026-03-12T10:00:00.000Z' }));
      },
    });
    h.clock.set('2026-03-13T16:00:00.000Z');
    expect(await runner.runDue()).toBe(1);
    expect(seen).toEqual([channel.id]);
    expect(notices()).toHaveLength(1);
  });
});
