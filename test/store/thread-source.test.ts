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
    const DISCORD = { ...SLACK, platform: 'discord' } as const;
    const discord = (await stores.channels.ensure(DISCORD, NOW)).id;
    const drec = { channelId: discord, paperId: '2599.00002', messageId: '1300000000000000001', threadId: '1300000000000000002', createdAt: NOW };
    await stores.threads.record(drec);
    expect(await stores.threads.paperFor(SLACK, '1710050000.000100')).toEqual(rec);
    expect(await stores.threads.paperFor(DISCORD, '1300000000000000002')).toEqual(drec);
    expect(await stores.threads.paperFor(DISCORD, '1300000000000000001')).toEqual(drec);
    expect(await stores.threads.paperFor(SLACK, '1300000000000000002')).toBeNull();
    expect(await stores.threads.paperFor(DISCORD, 'nope')).toBeNull();
  });

  it('recording the same message twice keeps one record', async () => {
    const rec = { channelId: ch, paperId: '2599.00001', messageId: 'm1', threadId: 'm1', createdAt: NOW };
    await stores.threads.record(rec);
    await stores.threads.record({ ...rec, threadId: 't1' });
    expect(await stores.threads.paperFor(SLACK, 't1')).toEqual({ ...rec, threadId: 't1' });
    expect(await stores.threads.paperFor(SLACK, 'm1')).toEqual({ ...rec, threadId: 't1' });
  });

  it('two channels holding the same Slack ts each find their own paper (issue #11, point 4)', async () => {
    const other = { ...SLACK, channelId: 'C0OTHER' };
    const ch2 = (await stores.channels.ensure(other, NOW)).id;
    const ts = '1710050000.000100';
    const here = { channelId: ch, paperId: '2599.00001', messageId: ts, threadId: ts, createdAt: NOW };
    const there = { channelId: ch2, paperId: '2599.00002', messageId: ts, threadId: ts, createdAt: NOW };
    await stores.threads.record(here);
    await stores.threads.record(there);
    expect(await stores.threads.paperFor(SLACK, ts)).toEqual(here);
    expect(await stores.threads.paperFor(other, ts)).toEqual(there);
    expect(await stores.threads.paperFor({ ...SLACK, workspaceId: 'T0ELSE' }, ts)).toBeNull();
  });

  it('migration 9 keeps the threads of an older database and finds each by its own channel', async () => {
    const old = await t.blank();
    await old.migrate(old.migrations.slice(0, 8));
    await old.query(`INSERT INTO channels (id, platform, workspace_id, channel_id, created_at) VALUES (1, 'slack', 'T0FIXTURE', 'C0FIXTURE', ?)`, [NOW]);
    await old.query(`INSERT INTO channels (id, platform, workspace_id, channel_id, created_at) VALUES (2, 'slack', 'T0FIXTURE', 'C0OTHER', ?)`, [NOW]);
    for (const [id, paper] of [
      [1, '2599.00001'],
      [2, '2599.00002'],
    ] as const)
      await old.query(`INSERT INTO threads (channel_id, paper_id, message_id, thread_id, created_at) VALUES (?, ?, '1.1', '1.1', ?)`, [id, paper, NOW]);
    const upgraded = await old.open();
    try {
      expect((await upgraded.threads.paperFor(SLACK, '1.1'))?.paperId).toBe('2599.00001');
      expect((await upgraded.threads.paperFor({ ...SLACK, channelId: 'C0OTHER' }, '1.1'))?.paperId).toBe('2599.00002');
      expect(await old.schemaVersion()).toBe(old.migrations.length);
    } finally {
      await upgraded.close();
    }
  });
});

describeEngines('source state store', (t) => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await t.open();
  });

  it('starts blank and lists nothing', async () => {
    expect(await stores.sources.get('hf')).toEqual({
      source: 'hf',
      lastSuccessDay: null,
      lastSuccessAt: null,
      lastError: null,
      lastErrorAt: null,
      lastAttemptAt: null,
      failures: 0,
    });
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
      lastAttemptAt: null,
      failures: 0,
    });
    expect((await stores.sources.all()).map((s) => [s.source, s.lastSuccessDay])).toEqual([
      ['arxiv', '2026-03-10'],
      ['hf', '2026-03-10'],
    ]);
  });

  it('records when a fetch started, counts failures in a row, and lets a partial catch-up keep its progress but not its success time', async () => {
    await stores.sources.recordAttempt('arxiv', '2026-03-10T00:00:00.000Z');
    expect(await stores.sources.get('arxiv')).toMatchObject({ lastAttemptAt: '2026-03-10T00:00:00.000Z', lastSuccessAt: null, failures: 0 });
    await stores.sources.recordSuccess('arxiv', '2026-03-10', '2026-03-10T00:00:00.000Z');
    await stores.sources.recordAttempt('arxiv', '2026-03-11T00:00:00.000Z');
    await stores.sources.recordFailure('arxiv', 'HTTP 503', '2026-03-11T00:00:00.000Z', '2026-03-10');
    await stores.sources.recordFailure('arxiv', 'HTTP 503', '2026-03-11T00:05:00.000Z', '2026-03-11');
    expect(await stores.sources.get('arxiv')).toMatchObject({
      lastSuccessDay: '2026-03-11',
      lastSuccessAt: '2026-03-10T00:00:00.000Z',
      lastErrorAt: '2026-03-11T00:05:00.000Z',
      lastAttemptAt: '2026-03-11T00:00:00.000Z',
      failures: 2,
    });
    await stores.sources.recordFailure('arxiv', 'timed out', '2026-03-11T00:15:00.000Z');
    expect(await stores.sources.get('arxiv')).toMatchObject({ lastSuccessDay: '2026-03-11', lastError: 'timed out', failures: 3 });
    await stores.sources.recordSuccess('arxiv', '2026-03-12', '2026-03-12T00:00:00.000Z');
    expect(await stores.sources.get('arxiv')).toMatchObject({ lastSuccessDay: '2026-03-12', failures: 0 });
    // A failure before any success creates the row.
    await stores.sources.recordFailure('hf', 'HTTP 500', '2026-03-12T00:00:00.000Z');
    expect(await stores.sources.get('hf')).toMatchObject({ lastSuccessDay: null, lastSuccessAt: null, failures: 1 });
  });
});

describeEngines('migration 7 on a version-6 database', (t) => {
  it("keeps each source's state: never attempted under the new columns, no failures counted", async () => {
    const db = await t.blank();
    await db.migrate(db.migrations.slice(0, 6));
    await db.query(
      `INSERT INTO source_state (source, last_success_day, last_success_at, last_error, last_error_at) VALUES ('arxiv', '2026-03-09', '2026-03-09T01:00:00.000Z', 'HTTP 503', '2026-03-08T01:00:00.000Z')`,
    );
    const stores = await db.open();
    try {
      expect(await stores.sources.get('arxiv')).toEqual({
        source: 'arxiv',
        lastSuccessDay: '2026-03-09',
        lastSuccessAt: '2026-03-09T01:00:00.000Z',
        lastError: 'HTTP 503',
        lastErrorAt: '2026-03-08T01:00:00.000Z',
        lastAttemptAt: null,
        failures: 0,
      });
    } finally {
      await stores.close();
    }
    expect(await db.schemaVersion()).toBe(db.migrations.length);
  });
});
