import { describe, expect, it } from 'vitest';
import type { ChannelRef } from '../../src/chat/port.js';
import { createFeedbackRecorder } from '../../src/feedback/recorder.js';
import { makePaper } from '../support/papers.js';
import { CHANNEL, harness, NOW, text } from './harness.js';

/*
 * Issue #11, point 4: a Slack ts is unique only within its channel. Two
 * channels holding the same ts each get their own paper, in thread commands
 * and in reactions.
 */
const TS = '1700000000.000100';
const OTHER: ChannelRef = { ...CHANNEL, channelId: 'C-OTHER' };
const mine = makePaper({ title: 'The paper posted here' });
const theirs = makePaper({ title: 'The paper posted in the other channel' });

async function twoChannelsOneTs() {
  const h = harness();
  await h.addPapers([mine, theirs]);
  const here = await h.channelId();
  const there = (await h.stores.channels.ensure(OTHER, NOW)).id;
  await h.stores.threads.record({ channelId: here, paperId: mine.id, messageId: TS, threadId: TS, createdAt: NOW });
  // Recorded later, so a lookup by ts alone would find it first.
  await h.stores.threads.record({ channelId: there, paperId: theirs.id, messageId: TS, threadId: TS, createdAt: NOW });
  return { h, here, there };
}

describe('thread ids are scoped to their channel', () => {
  it('a thread command answers about this channel’s paper, not another channel’s with the same ts', async () => {
    const { h } = await twoChannelsOneTs();
    expect(text(await h.run('abstract', { threadId: TS }))).toContain(mine.title);
    expect(text(await h.run('abstract', { threadId: TS, channel: OTHER }))).toContain(theirs.title);
  });

  it('a reaction counts for the paper of the channel it was made in', async () => {
    const { h, here, there } = await twoChannelsOneTs();
    const recorder = createFeedbackRecorder({ stores: h.stores, botUserIds: () => [] });
    const reaction = (channel: ChannelRef, user: string) => ({
      channel,
      messageOrThreadId: TS,
      userId: user,
      kind: 'reaction' as const,
      emoji: '+1',
      removed: false,
      eventKey: `${channel.channelId}:${TS}:${user}:+1`,
      at: NOW,
    });
    expect(await recorder.record(reaction(CHANNEL, 'U1'))).toBe('stored');
    expect(await recorder.record(reaction(OTHER, 'U2'))).toBe('stored');
    expect((await h.stores.feedback.forChannel(here)).map((e) => [e.paperId, e.userId])).toEqual([[mine.id, 'U1']]);
    expect((await h.stores.feedback.forChannel(there)).map((e) => [e.paperId, e.userId])).toEqual([[theirs.id, 'U2']]);
  });

  it('an id that is no paper post of this channel finds nothing', async () => {
    const { h } = await twoChannelsOneTs();
    const r = await h.run('abstract', { threadId: TS, channel: { ...CHANNEL, channelId: 'C-THIRD' } });
    expect(r.ok).toBe(false);
    expect(text(r)).toContain('not one of my paper threads');
  });
});
