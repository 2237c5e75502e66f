import { beforeEach, expect, it } from 'vitest';
import { StoreCorruptError } from '../../src/store/errors.js';
import type { Stores } from '../../src/store/types.js';
import { makePaper } from '../support/papers.js';
import { describeEngines, type TestDatabase } from './engines.js';
import { digestPlan, NOW, SLACK } from './helpers.js';

/** Rows damaged behind the store's back must fail loudly, naming where to look. */
describeEngines('store: corrupt rows', (t) => {
  let stores: Stores;
  let raw: TestDatabase;
  beforeEach(async () => {
    stores = await t.open();
    raw = t.db();
  });
  const idOf = async (sql: string) => (await raw.query<{ id: number }>(sql))[0]?.id;

  it('a paper whose authors are not JSON', async () => {
    await stores.papers.upsertMany([makePaper({ id: '2599.00001' })], NOW);
    await raw.query("UPDATE papers SET authors_json = '[\"Ada' WHERE id = '2599.00001'");
    const err = await stores.papers.get('2599.00001').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreCorruptError);
    expect((err as Error).message).toMatch(/papers \(id 2599\.00001\).*authors_json is not JSON/);
  });

  it('a paper with an unknown source', async () => {
    await stores.papers.upsertMany([makePaper({ id: '2599.00002' })], NOW);
    await raw.query(`UPDATE papers SET sources_json = '["arxiv","rss"]' WHERE id = '2599.00002'`);
    await expect(stores.papers.firstSeenBetween('0000', '9999')).rejects.toThrow(/papers \(id 2599\.00002\): column sources_json at 1/);
  });

  it('a delivery whose message has the wrong shape', async () => {
    const ch = (await stores.channels.ensure(SLACK, NOW)).id;
    await stores.deliveries.planDigest(digestPlan(ch, 'd1', ['2599.00001']));
    const id = await idOf("SELECT id FROM deliveries WHERE kind = 'paper'");
    const withoutTitle = t.engine === 'sqlite' ? "json_remove(message, '$.paper.title')" : "(message::jsonb #- '{paper,title}')::text";
    await raw.query(`UPDATE deliveries SET message = ${withoutTitle} WHERE id = ?`, [id]);
    await expect(stores.deliveries.unsent(ch)).rejects.toThrow(new RegExp(`deliveries \\(id ${id}\\): column message at paper\\.title`));
  });

  it('a delivery whose message disagrees with its kind', async () => {
    const ch = (await stores.channels.ensure(SLACK, NOW)).id;
    await stores.deliveries.planDigest(digestPlan(ch, 'd1', ['2599.00001']));
    const id = await idOf("SELECT id FROM deliveries WHERE kind = 'header'");
    await raw.query(`UPDATE deliveries SET message = '{"kind":"more","remaining":1}' WHERE id = ?`, [id]);
    await expect(stores.deliveries.unsent(ch)).rejects.toThrow(StoreCorruptError);
    await expect(stores.deliveries.unsent(ch)).rejects.toThrow(/holds a more but the row's kind is header/);
  });

  it('a channel on an unknown platform', async () => {
    const ch = (await stores.channels.ensure(SLACK, NOW)).id;
    await raw.query("UPDATE channels SET platform = 'irc' WHERE id = ?", [ch]);
    await expect(stores.channels.list()).rejects.toThrow(new RegExp(`channels \\(id ${ch}\\): column platform`));
  });
});
