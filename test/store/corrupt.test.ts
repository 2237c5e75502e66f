import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStores, StoreCorruptError } from '../../src/store/sqlite/index.js';
import type { Stores } from '../../src/store/types.js';
import { makePaper } from '../support/papers.js';
import { digestPlan, NOW, SLACK, tempDir } from './helpers.js';

/** Rows damaged behind the store's back must fail loudly, naming where to look. */
describe('SQLite store: corrupt rows', () => {
  let tmp: ReturnType<typeof tempDir>;
  let stores: Stores;
  let raw: Database.Database;
  beforeEach(() => {
    tmp = tempDir();
    stores = openSqliteStores(tmp.file());
    raw = new Database(tmp.file());
  });
  afterEach(async () => {
    raw.close();
    await stores.close();
    tmp.cleanup();
  });

  it('a paper whose authors are not JSON', async () => {
    await stores.papers.upsertMany([makePaper({ id: '2599.00001' })], NOW);
    raw.prepare("UPDATE papers SET authors_json = '[\"Ada' WHERE id = '2599.00001'").run();
    const err = await stores.papers.get('2599.00001').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreCorruptError);
    expect((err as Error).message).toMatch(/papers \(id 2599\.00001\).*authors_json is not JSON/);
  });

  it('a paper with an unknown source', async () => {
    await stores.papers.upsertMany([makePaper({ id: '2599.00002' })], NOW);
    raw.prepare(`UPDATE papers SET sources_json = '["arxiv","rss"]' WHERE id = '2599.00002'`).run();
    await expect(stores.papers.firstSeenBetween('0000', '9999')).rejects.toThrow(/papers \(id 2599\.00002\): column sources_json at 1/);
  });

  it('a delivery whose message has the wrong shape', async () => {
    const ch = (await stores.channels.ensure(SLACK, NOW)).id;
    await stores.deliveries.planDigest(digestPlan(ch, 'd1', ['2599.00001']));
    const id = raw.prepare("SELECT id FROM deliveries WHERE kind = 'paper'").pluck().get() as number;
    raw.prepare(`UPDATE deliveries SET message = json_remove(message, '$.paper.title') WHERE id = ?`).run(id);
    await expect(stores.deliveries.unsent(ch)).rejects.toThrow(new RegExp(`deliveries \\(id ${id}\\): column message at paper\\.title`));
  });

  it('a delivery whose message disagrees with its kind', async () => {
    const ch = (await stores.channels.ensure(SLACK, NOW)).id;
    await stores.deliveries.planDigest(digestPlan(ch, 'd1', ['2599.00001']));
    const id = raw.prepare("SELECT id FROM deliveries WHERE kind = 'header'").pluck().get() as number;
    raw.prepare(`UPDATE deliveries SET message = '{"kind":"more","remaining":1}' WHERE id = ?`).run(id);
    await expect(stores.deliveries.unsent(ch)).rejects.toThrow(StoreCorruptError);
    await expect(stores.deliveries.unsent(ch)).rejects.toThrow(/holds a more but the row's kind is header/);
  });

  it('a channel on an unknown platform', async () => {
    const ch = (await stores.channels.ensure(SLACK, NOW)).id;
    raw.prepare("UPDATE channels SET platform = 'irc' WHERE id = ?").run(ch);
    await expect(stores.channels.list()).rejects.toThrow(new RegExp(`channels \\(id ${ch}\\): column platform`));
  });
});
