import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/sqlite/migrations/index.js';
import { migrate } from '../../src/store/sqlite/migrate.js';
import { openDatabase } from '../../src/store/sqlite/open.js';
import { openSqliteStores } from '../../src/store/sqlite/index.js';
import { tempDir } from './helpers.js';

const TEAM = { platform: 'slack', workspaceId: 'T1' } as const;
const tmp = tempDir();
afterEach(() => tmp.cleanup());

describe('saved papers store', () => {
  it('saves once, lists newest first (ties by id), limits, removes', async () => {
    const stores = openSqliteStores(':memory:');
    expect(await stores.saved.save(TEAM, 'U1', '2599.00001', '2026-03-01T00:00:00.000Z')).toBe(true);
    expect(await stores.saved.save(TEAM, 'U1', '2599.00002', '2026-03-02T00:00:00.000Z')).toBe(true);
    expect(await stores.saved.save(TEAM, 'U1', '2599.00003', '2026-03-02T00:00:00.000Z')).toBe(true);
    expect(await stores.saved.save(TEAM, 'U1', '2599.00001', '2026-03-05T00:00:00.000Z')).toBe(false);
    expect(await stores.saved.save({ platform: 'discord', workspaceId: 'T1' }, 'U1', '2599.00009', '2026-03-05T00:00:00.000Z')).toBe(true);
    expect((await stores.saved.list(TEAM, 'U1')).map((s) => s.paperId)).toEqual(['2599.00003', '2599.00002', '2599.00001']);
    expect((await stores.saved.list(TEAM, 'U1', { limit: 1 })).map((s) => s.savedAt)).toEqual(['2026-03-02T00:00:00.000Z']);
    expect(await stores.saved.list(TEAM, 'U2')).toEqual([]);
    expect(await stores.saved.remove(TEAM, 'U1', '2599.00002')).toBe(true);
    expect(await stores.saved.remove(TEAM, 'U1', '2599.00002')).toBe(false);
    expect((await stores.saved.list(TEAM, 'U1')).map((s) => s.paperId)).toEqual(['2599.00003', '2599.00001']);
    await stores.close();
  });

  it('rules.addedBy: one person’s rules in one workspace, with their channels', async () => {
    const stores = openSqliteStores(':memory:');
    const now = '2026-03-01T00:00:00.000Z';
    const c1 = await stores.channels.ensure({ ...TEAM, channelId: 'C1' }, now);
    const c2 = await stores.channels.ensure({ ...TEAM, channelId: 'C2' }, now);
    const other = await stores.channels.ensure({ platform: 'slack', workspaceId: 'T2', channelId: 'C1' }, now);
    await stores.rules.add(c1.id, 'pruning', 'U1', now);
    await stores.rules.add(c1.id, 'diffusion', 'U2', now);
    await stores.rules.add(c2.id, 'graph neural network', 'U1', now);
    await stores.rules.add(other.id, 'llm', 'U1', now);
    const mine = await stores.rules.addedBy(TEAM, 'U1');
    expect(mine.map((m) => [m.channel.channelId, m.rule.text])).toEqual([
      ['C1', 'pruning'],
      ['C2', 'graph neural network'],
    ]);
    await stores.close();
  });

  it('migration 6 brings a version-5 database forward: papers keep their rows with no image', async () => {
    const file = tmp.file();
    const old = openDatabase(file);
    migrate(old, MIGRATIONS.slice(0, 5));
    old
      .prepare(
        `INSERT INTO papers (id, version, title, abstract, authors_json, published_at, ai_keywords_json, categories_json, sources_json, first_seen_at, updated_at)
         VALUES ('2599.00001', 1, 'Old', 'Old abstract.', '["Ada Fixture"]', '2026-03-01T00:00:00.000Z', '[]', '[]', '["arxiv"]', '2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z')`,
      )
      .run();
    old.close();
    const stores = openSqliteStores(file);
    expect(await stores.papers.get('2599.00001')).toMatchObject({ title: 'Old', imageUrl: null });
    expect(await stores.saved.save(TEAM, 'U1', '2599.00001', '2026-03-02T00:00:00.000Z')).toBe(true);
    await stores.close();
  });
});
