import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/sqlite/open.js';
import { openSqliteStores } from '../../src/store/sqlite/index.js';
import { describeEngines } from './engines.js';
import { digestPlan, NOW, SLACK, tempDir } from './helpers.js';

describe('SQLite connection and file', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  it('creates missing parent directories of the database file', async () => {
    const file = join(tmp.dir, 'data', 'nested', 'paperboy.db');
    const stores = openSqliteStores(file);
    await stores.close();
    expect(existsSync(file)).toBe(true);
  });

  it('every connection runs with WAL, foreign keys, a busy timeout and NORMAL sync', () => {
    const db = openDatabase(tmp.file());
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(db.pragma('synchronous', { simple: true })).toBe(1);
    } finally {
      db.close();
    }
  });

  it('the file the stores open is in WAL mode', async () => {
    const file = tmp.file();
    const stores = openSqliteStores(file);
    await stores.channels.ensure(SLACK, NOW);
    const raw = new Database(file, { readonly: true });
    try {
      // journal_mode=WAL is persistent: a plain connection sees it too.
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(existsSync(`${file}-wal`)).toBe(true);
    } finally {
      raw.close();
      await stores.close();
    }
  });
});

describeEngines('database rows', (t) => {
  it('deleting a channel deletes its rules, deliveries and threads', async () => {
    const stores = await t.open();
    const ch = (await stores.channels.ensure(SLACK, NOW)).id;
    const keep = (await stores.channels.ensure({ ...SLACK, channelId: 'C0KEEP' }, NOW)).id;
    for (const id of [ch, keep]) {
      await stores.rules.add(id, 'pruning', 'U1', NOW);
      await stores.deliveries.planDigest(digestPlan(id, `d${id}`, ['2599.00001']));
      await stores.threads.record({ channelId: id, paperId: '2599.00001', messageId: `m${id}`, threadId: `t${id}`, createdAt: NOW });
    }
    await t.db().query('DELETE FROM channels WHERE id = ?', [ch]);
    expect(await stores.rules.list(ch)).toEqual([]);
    expect(await stores.deliveries.unsent(ch)).toEqual([]);
    expect(await stores.deliveries.offered(ch, ['2599.00001'])).toEqual(new Set());
    expect(await stores.threads.paperFor(SLACK, `t${ch}`)).toBeNull();
    // The other channel is untouched.
    expect(await stores.rules.list(keep)).toHaveLength(1);
    expect(await stores.deliveries.unsent(keep)).toHaveLength(2);
    expect(await stores.threads.paperFor({ ...SLACK, channelId: 'C0KEEP' }, `t${keep}`)).not.toBeNull();
  });

  it('markSent stores the platform message and thread ids and the time', async () => {
    const stores = await t.open();
    const ch = (await stores.channels.ensure(SLACK, NOW)).id;
    await stores.deliveries.planDigest(digestPlan(ch, 'd1', ['2599.00001']));
    const paper = (await stores.deliveries.unsent(ch)).find((d) => d.kind === 'paper');
    if (!paper) throw new Error('fixture');
    await stores.deliveries.claim(paper.id, 'host:1', NOW, 1000);
    expect(
      await stores.deliveries.markSent(paper.id, 'host:1', { messageId: '1300000000000000001', threadId: '1300000000000000002' }, '2026-03-10T08:00:05.000Z'),
    ).toBe(true);
    // The paper's thread is recorded in the same transaction as the post.
    expect(await stores.threads.paperFor(SLACK, '1300000000000000002')).toMatchObject({ paperId: '2599.00001', messageId: '1300000000000000001' });
    await stores.close();
    expect(await t.db().query('SELECT status, message_id, thread_id, sent_at, claimed_by FROM deliveries WHERE id = ?', [paper.id])).toEqual([
      {
        status: 'sent',
        message_id: '1300000000000000001',
        thread_id: '1300000000000000002',
        sent_at: '2026-03-10T08:00:05.000Z',
        claimed_by: 'host:1',
      },
    ]);
  });
});
