import { beforeEach, expect, it } from 'vitest';
import type { Stores } from '../../src/store/types.js';
import { describeEngines } from './engines.js';
import { NOW, SLACK, openWithChannel } from './helpers.js';

describeEngines('thread store', (t) => {
  let stores: Stores;
  let ch: number;
  beforeEach(async () => {
    ({ stores, channelId: ch } = await openWithChannel(t));
  });

  it('finds the paper by thread id or by the message that started it, on the right platform only', async () => {
    const rec = { channelId: ch, paperId: '2599.00001', messageId: '1710050000.000100', threadId: '1710050000.000100', createdAt: NOW };
    await stores.threads.record(rec);
    const discord = (await stores.channels.ensure({ ...SLACK, platform: 'discord' }, NOW)).id;
    const drec = { channelId: discord, paperId: '2599.00002', messageId: '1300000000000000001', threadId: '1300000000000000002', createdAt: NOW };
    await stores.threads.record(drec);
    expect(await stores.threads.paperFor('slack', '1710050000.000100')).toEqual(rec);
    expect(await stores.threads.paperFor('discord', '1300000000000000002')).toEqual(drec);
    expect(await stores.threads.paperFor('discord', '1300000000000000001')).toEqual(drec);
    expect(await stores.threads.paperFor('slack', '1300000000000000002')).toBeNull();
    expect(await stores.threads.paperFor('discord', 'nope')).toBeNull();
  });

  it('recording the same message twice keeps one record', async () => {
    const rec = { channelId: ch, paperId: '2599.00001', messageId: 'm1', threadId: 'm1', createdAt: NOW };
    await stores.threads.record(rec);
    await stores.threads.record({ ...rec, threadId: 't1' });
    expect(await stores.threads.paperFor('slack', 't1')).toEqual({ ...rec, threadId: 't1' });
    expect(await stores.threads.paperFor('slack', 'm1')).toEqual({ ...rec, threadId: 't1' });
  });
});

describeEngines('source state store', (t) => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await t.open();
  });

  it('starts blank and lists nothing', async () => {
    expect(await stores.sources.get('hf')).toEqual({ source: 'hf', lastSuccessDay: null, lastSuccessAt: null, lastError: null, lastErrorAt: null });
    expect(await stores.sources.all()).toEqual([]);
  });

  it('keeps the last success and the last failure side by side', async () => {
    await stores.sources.recordSuccess('hf', '2026-03-09', '2026-03-09T08:00:00.000Z');
    await stores.sources.recordFailure('hf', 'HTTP 503', '2026-03-10T08:00:00.000Z');
    await stores.sources.recordSuccess('arxiv', '2026-03-10', '2026-03-10T08:01:00.000Z');
    await stores.sources.recordSuccess('hf', '2026-03-10', '2026-03-10T09:00:00.000Z');
    expect(await stores.sources.get('hf')).toEqual({
      source: 'hf',
      lastSuccessDay: '2026-03-10',
      lastSuccessAt: '2026-03-10T09:00:00.000Z',
      lastError: 'HTTP 503',
      lastErrorAt: '2026-03-10T08:00:00.000Z',
    });
    expect((await stores.sources.all()).map((s) => [s.source, s.lastSuccessDay])).toEqual([
      ['arxiv', '2026-03-10'],
      ['hf', '2026-03-10'],
    ]);
  });
});
