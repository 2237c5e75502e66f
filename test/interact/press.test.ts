import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/commands/types.js';
import { createInteractions } from '../../src/interact/service.js';
import { DEFAULT_EMOJI, labelsFromEvents } from '../../src/learn/feedback.js';
import { createPhraseEngine } from '../support/phrase-engine.js';
import { makePaper } from '../support/papers.js';
import { CHANNEL, harness, text, type Harness } from '../commands/harness.js';
import { recentDeps } from '../support/recent.js';

const paper = makePaper({ id: '2599.00011', title: 'Pruning the Fixture', authors: ['Ada Fixture'], categories: ['cs.LG'] });
const other = makePaper({ id: '2599.00012', title: 'Another Fixture' });

async function setup(): Promise<{ h: Harness; interactions: ReturnType<typeof createInteractions>; channelId: number }> {
  const h = harness();
  await h.addPapers([paper, other]);
  const channelId = await h.channelId();
  await h.stores.threads.record({ channelId, paperId: paper.id, messageId: 'm-1', threadId: 'm-1', createdAt: '2026-03-09T08:00:00.000Z' });
  const interactions = createInteractions({
    stores: h.stores,
    engine: createPhraseEngine(),
    clock: h.clock,
    commands: h.handler,
    recent: recentDeps(h.stores, h.clock).recent,
  });
  return { h, interactions, channelId };
}

const as = (userId: string): CommandContext => ({ channel: CHANNEL, userId, userName: null, canManage: false, threadId: null });

describe('buttons on a paper post', () => {
  it('Relevant / Not for us: one vote per person, again withdraws, the other replaces — the same labels as 👍 / 👎', async () => {
    const { h, interactions, channelId } = await setup();
    const press = (user: string, action: 'relevant' | 'not-for-us') => interactions.press(as(user), { action, paperId: paper.id, messageId: 'm-1' });
    const labels = async () => labelsFromEvents(await h.stores.feedback.forChannel(channelId), [paper.id], DEFAULT_EMOJI)[0];

    expect(text(await press('U1', 'relevant'))).toContain('Marked Relevant');
    expect(await labels()).toMatchObject({ label: 1, up: 1, down: 0 });
    h.clock.advance(1000);
    expect(text(await press('U1', 'not-for-us'))).toContain('Changed your vote to Not for us');
    expect(await labels()).toMatchObject({ label: 0, up: 0, down: 1 });
    h.clock.advance(1000);
    expect(text(await press('U1', 'not-for-us'))).toContain('Took back your Not for us');
    // Nothing live: a posted paper nobody votes on is a weak negative, as with reactions taken back.
    expect(await labels()).toMatchObject({ kind: 'weak-negative', up: 0, down: 0 });
    await press('U2', 'relevant');
    await press('U3', 'relevant');
    await press('U1', 'not-for-us');
    expect(await labels()).toMatchObject({ label: 1, up: 2, down: 1 });
    // Two presses at once from one person cannot leave both votes live.
    await Promise.all([press('U4', 'relevant'), press('U4', 'not-for-us')]);
    const u4 = (await h.stores.feedback.forChannel(channelId)).filter((e) => e.userId === 'U4' && !e.removed);
    expect(u4.map((e) => e.emoji)).toEqual(['paperboy:not-for-us']);
  });

  it('a vote stored from a button reads exactly like the same reactions', async () => {
    const { h, interactions, channelId } = await setup();
    await interactions.press(as('U1'), { action: 'relevant', paperId: paper.id, messageId: 'm-1' });
    await interactions.press(as('U2'), { action: 'not-for-us', paperId: paper.id, messageId: 'm-1' });
    await interactions.press(as('U3'), { action: 'relevant', paperId: paper.id, messageId: 'm-1' });
    const fromButtons = labelsFromEvents(await h.stores.feedback.forChannel(channelId), [paper.id], DEFAULT_EMOJI);
    const reaction = (user: string, emoji: string) => ({
      eventKey: `r:${user}`,
      channelId,
      paperId: paper.id,
      userId: user,
      kind: 'reaction' as const,
      emoji,
      removed: false,
      at: '2026-03-10T08:00:00.000Z',
    });
    const fromReactions = labelsFromEvents([reaction('U1', '👍'), reaction('U2', '👎'), reaction('U3', '+1')], [paper.id], DEFAULT_EMOJI);
    expect(fromButtons).toEqual(fromReactions);
    // Even in a channel that changed its emoji lists.
    expect(labelsFromEvents(await h.stores.feedback.forChannel(channelId), [paper.id], { positive: ['🚀'], negative: ['🐌'] })).toEqual(fromReactions);
  });

  it('never trusts the paper id: another paper, another channel’s post, or an unknown post is refused and changes nothing', async () => {
    const { h, interactions, channelId } = await setup();
    const elsewhere = await h.stores.channels.ensure({ ...CHANNEL, channelId: 'C-OTHER' }, '2026-03-09T00:00:00.000Z');
    await h.stores.threads.record({ channelId: elsewhere.id, paperId: other.id, messageId: 'm-2', threadId: 'm-2', createdAt: '2026-03-09T08:00:00.000Z' });
    const refusals = [
      await interactions.press(as('U1'), { action: 'relevant', paperId: other.id, messageId: 'm-1' }),
      await interactions.press(as('U1'), { action: 'relevant', paperId: other.id, messageId: 'm-2' }),
      await interactions.press(as('U1'), { action: 'save', paperId: paper.id, messageId: 'nope' }),
    ];
    for (const r of refusals) {
      expect(r.ok).toBe(false);
      expect(text(r)).toContain('not on one of my paper posts in this channel');
    }
    expect(await h.stores.feedback.forChannel(channelId)).toEqual([]);
    expect(await h.stores.feedback.forChannel(elsewhere.id)).toEqual([]);
    expect(await h.stores.saved.list({ platform: 'slack', workspaceId: CHANNEL.workspaceId }, 'U1')).toEqual([]);
  });

  it('Why?, Cite and Save answer as the commands do', async () => {
    const { h, interactions } = await setup();
    await h.run('subscribe pruning');
    const ctx = as('U1');
    expect(text(await interactions.press(ctx, { action: 'why', paperId: paper.id, messageId: 'm-1' }))).toBe(text(await h.run(`why ${paper.id}`)));
    expect(text(await interactions.press(ctx, { action: 'cite', paperId: paper.id, messageId: 'm-1' }))).toContain('@misc{fixture');
    expect(text(await interactions.press(ctx, { action: 'save', paperId: paper.id, messageId: 'm-1' }))).toContain('is on your reading list now');
    expect((await h.stores.saved.list({ platform: 'slack', workspaceId: CHANNEL.workspaceId }, 'U1')).map((s) => s.paperId)).toEqual([paper.id]);
  });
});

describe('autocomplete', () => {
  it('rules of this channel, time zones, and recently posted papers; at most 25, names within 100 characters', async () => {
    const { h, interactions } = await setup();
    await h.run('subscribe pruning');
    await h.run('subscribe graph neural network');
    const rules = await interactions.complete(as('U1'), 'rule', 'gra');
    expect(rules).toEqual([{ name: 'graph neural network (id 2)', value: '2' }]);
    expect(await interactions.complete(as('U1'), 'rule', '')).toHaveLength(2);
    const zones = await interactions.complete(as('U1'), 'timezone', 'berl');
    expect(zones[0]).toEqual({ name: 'Europe/Berlin', value: 'Europe/Berlin' });
    const all = await interactions.complete(as('U1'), 'timezone', 'a');
    expect(all.length).toBe(25);
    const papers = await interactions.complete(as('U1'), 'paper', 'prun');
    expect(papers).toEqual([{ name: `Pruning the Fixture (${paper.id})`, value: paper.id }]);
    expect(await interactions.complete({ ...as('U1'), channel: { ...CHANNEL, channelId: 'C-NONE' } }, 'paper', '')).toEqual([]);
    const long = makePaper({ id: '2599.00013', title: `Pruning ${'very '.repeat(40)}long` });
    await h.addPapers([long]);
    await h.stores.threads.record({
      channelId: await h.channelId(),
      paperId: long.id,
      messageId: 'm-3',
      threadId: 'm-3',
      createdAt: '2026-03-09T09:00:00.000Z',
    });
    const both = await interactions.complete(as('U1'), 'paper', 'pruning');
    expect(both.map((c) => c.value)).toEqual([long.id, paper.id]);
    expect(both.every((c) => c.name.length <= 100 && c.value.length <= 100)).toBe(true);
  });
});

describe('Home', () => {
  it('lists the newest 20 saved papers and the person’s own rules by channel; remove only takes one’s own rule', async () => {
    const { h, interactions } = await setup();
    await h.run('subscribe pruning', { userId: 'U1' });
    await h.run('subscribe diffusion', { userId: 'U2' });
    const papers = Array.from({ length: 22 }, (_, i) => makePaper({ id: `2599.${String(20000 + i)}` }));
    await h.addPapers(papers);
    for (const p of papers) {
      await h.run(`save ${p.id}`, { userId: 'U1' });
      h.clock.advance(1000);
    }
    const home = await interactions.home({ platform: 'slack', workspaceId: CHANNEL.workspaceId }, 'U1');
    expect(home.saved).toHaveLength(20);
    expect(home.saved[0]?.paper.id).toBe('2599.20021');
    expect(home.channels.map((c) => [c.channel.channelId, c.rules.map((r) => r.text)])).toEqual([[CHANNEL.channelId, ['pruning']]]);
    const diffusion = (await h.stores.rules.list(await h.channelId())).find((r) => r.text === 'diffusion')!;
    expect((await interactions.removeOwnRule({ ...as('U1'), canManage: true }, diffusion.id)).ok).toBe(false);
    const pruning = home.channels[0]!.rules[0]!;
    expect((await interactions.removeOwnRule({ ...as('U1'), canManage: false }, pruning.id)).ok).toBe(false);
    expect((await interactions.removeOwnRule({ ...as('U1'), canManage: true }, pruning.id)).ok).toBe(true);
    expect((await h.stores.rules.list(await h.channelId())).map((r) => r.text)).toEqual(['diffusion']);
  });
});

describe('button votes and REST feedback snapshots', () => {
  it('a snapshot of the platform’s reactions (HTTP-interactions mode) does not take back button votes it cannot show', async () => {
    const { h, interactions, channelId } = await setup();
    const { createFeedbackRecorder } = await import('../../src/feedback/recorder.js');
    const recorder = createFeedbackRecorder({ stores: h.stores, botUserIds: () => [] });
    await interactions.press(as('U1'), { action: 'relevant', paperId: paper.id, messageId: 'm-1' });
    const report = await recorder.reconcileSnapshot(CHANNEL, [], ['m-1'], '2026-03-11T08:00:00.000Z');
    expect(report.removed).toBe(0);
    expect((await h.stores.feedback.forChannel(channelId)).map((e) => e.removed)).toEqual([false]);
  });
});
