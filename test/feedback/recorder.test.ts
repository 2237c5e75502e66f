import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeedbackInput } from '../../src/chat/adapter.js';
import type { ChannelRef } from '../../src/chat/port.js';
import { createFeedbackRecorder, type FeedbackRecorder } from '../../src/feedback/recorder.js';
import { openSqliteStores } from '../../src/store/sqlite/index.js';
import type { Stores } from '../../src/store/types.js';

const CH: ChannelRef = { platform: 'discord', workspaceId: 'G1', channelId: 'C1' };
const OTHER: ChannelRef = { platform: 'discord', workspaceId: 'G1', channelId: 'C2' };
const NOW = '2026-03-10T08:00:00.000Z';

let stores: Stores;
let rec: FeedbackRecorder;
let channelId: number;

function input(over: Partial<FeedbackInput> = {}): FeedbackInput {
  return {
    channel: CH,
    messageOrThreadId: 'msg-1',
    userId: 'U1',
    kind: 'reaction',
    emoji: '👍',
    removed: false,
    eventKey: 'msg-1:U1:👍',
    at: '2026-03-10T09:00:00.000Z',
    ...over,
  };
}

beforeEach(async () => {
  stores = openSqliteStores(':memory:');
  channelId = (await stores.channels.ensure(CH, NOW)).id;
  await stores.channels.ensure(OTHER, NOW);
  await stores.threads.record({ channelId, paperId: '2599.00001', messageId: 'msg-1', threadId: 'thr-1', createdAt: NOW });
  await stores.threads.record({ channelId, paperId: '2599.00002', messageId: 'msg-2', threadId: 'thr-2', createdAt: NOW });
  rec = createFeedbackRecorder({ stores, botUserIds: ['BOT'] });
});
afterEach(() => stores.close());

describe('feedback recorder', () => {
  it('stores a reaction on a paper post once, for that post’s paper', async () => {
    expect(await rec.record(input())).toBe('stored');
    expect(await rec.record(input())).toBe('duplicate');
    const rows = await stores.feedback.forChannel(channelId);
    expect(rows).toEqual([
      {
        eventKey: 'msg-1:U1:👍',
        channelId,
        paperId: '2599.00001',
        userId: 'U1',
        kind: 'reaction',
        emoji: '👍',
        removed: false,
        at: '2026-03-10T09:00:00.000Z',
      },
    ]);
  });

  it('finds the paper from the thread id too (a reply in a Discord thread)', async () => {
    expect(await rec.record(input({ messageOrThreadId: 'thr-2', kind: 'reply', emoji: null, eventKey: 'reply-9' }))).toBe('stored');
    expect((await stores.feedback.forChannel(channelId))[0]).toMatchObject({ paperId: '2599.00002', kind: 'reply', emoji: null });
  });

  it('ignores the bot, messages that are not paper posts, other channels and emoji-less reactions', async () => {
    expect(await rec.record(input({ userId: 'BOT', eventKey: 'b' }))).toBe('ignored');
    expect(await rec.record(input({ messageOrThreadId: 'header-msg', eventKey: 'h' }))).toBe('ignored');
    expect(await rec.record(input({ channel: OTHER, eventKey: 'o' }))).toBe('ignored');
    expect(await rec.record(input({ channel: { ...CH, platform: 'slack' }, eventKey: 's' }))).toBe('ignored');
    expect(await rec.record(input({ emoji: null, eventKey: 'n' }))).toBe('ignored');
    expect(await stores.feedback.forChannel(channelId)).toEqual([]);
  });

  it('a removal with the reaction’s key marks it removed; adding it back revives it', async () => {
    await rec.record(input());
    expect(await rec.record(input({ removed: true, at: '2026-03-10T10:00:00.000Z' }))).toBe('stored');
    expect((await stores.feedback.forChannel(channelId))[0]?.removed).toBe(true);
    expect(await rec.record(input({ removed: true, at: '2026-03-10T10:00:00.000Z' }))).toBe('duplicate');
    expect(await rec.record(input({ at: '2026-03-10T11:00:00.000Z' }))).toBe('stored');
    expect((await stores.feedback.forChannel(channelId))[0]?.removed).toBe(false);
  });

  it('a removal that arrives first is kept as a removed row', async () => {
    expect(await rec.record(input({ removed: true }))).toBe('stored');
    expect((await stores.feedback.forChannel(channelId))[0]?.removed).toBe(true);
  });

  it('a snapshot stores what is there and marks removed what vanished from covered posts only', async () => {
    await rec.record(input({ eventKey: 'gone' }));
    await rec.record(input({ eventKey: 'kept' }));
    await rec.record(input({ messageOrThreadId: 'msg-2', eventKey: 'uncovered' }));
    const r = await rec.reconcileSnapshot(
      CH,
      [
        { messageOrThreadId: 'msg-1', userId: 'U1', kind: 'reaction', emoji: '👍', eventKey: 'kept', at: '2026-03-10T09:00:00.000Z' },
        { messageOrThreadId: 'msg-1', userId: 'U2', kind: 'reaction', emoji: '⭐', eventKey: 'new', at: '2026-03-10T12:00:00.000Z' },
        { messageOrThreadId: 'msg-1', userId: 'BOT', kind: 'reaction', emoji: '⭐', eventKey: 'bot', at: '2026-03-10T12:00:00.000Z' },
      ],
      ['msg-1'],
      '2026-03-11T08:00:00.000Z',
    );
    expect(r).toEqual({ stored: 1, duplicate: 1, ignored: 1, removed: 1 });
    const byKey = new Map((await stores.feedback.forChannel(channelId)).map((e) => [e.eventKey, e]));
    expect(byKey.get('gone')?.removed).toBe(true);
    expect(byKey.get('kept')?.removed).toBe(false);
    expect(byKey.get('new')?.removed).toBe(false);
    expect(byKey.get('uncovered')?.removed).toBe(false);
    expect(byKey.has('bot')).toBe(false);
  });
});
