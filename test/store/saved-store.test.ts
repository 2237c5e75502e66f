import { expect, it } from 'vitest';
import { describeEngines } from './engines.js';

const TEAM = { platform: 'slack', workspaceId: 'T1' } as const;

describeEngines('saved papers store', (t) => {
  it('saves once, lists newest first (ties by id), limits, removes; lists are per workspace and person', async () => {
    const stores = await t.open();
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
  });

  it('rules.addedBy: one person’s rules in one workspace, with their channels', async () => {
    const stores = await t.open();
    const now = '2026-03-01T00:00:00.000Z';
    const c1 = await stores.channels.ensure({ ...TEAM, channelId: 'C1' }, now);
    const c2 = await stores.channels.ensure({ ...TEAM, channelId: 'C2' }, now);
    const other = await stores.channels.ensure({ platform: 'slack', workspaceId: 'T2', channelId: 'C1' }, now);
    await stores.rules.add(c1.id, 'pruning', 'U1', now);
    await stores.rules.add(c1.id, 'diffusion', 'U2', now);
    await stores.rules.add(c2.id, 'graph neural network', 'U1', now);
    await stores.rules.add(other.id, 'llm', 'U1', now);
    await stores.channels.setPaused(c2.id, true, 'archived');
    const mine = await stores.rules.addedBy(TEAM, 'U1');
    expect(mine.map((m) => [m.channel.channelId, m.channel.paused, m.rule.text])).toEqual([
      ['C1', false, 'pruning'],
      ['C2', true, 'graph neural network'],
    ]);
    expect(mine[0]?.channel).toEqual(c1);
  });
});

describeEngines('migration 6 on a version-5 database', (t) => {
  it('papers keep their rows with no image, and reading lists can be kept', async () => {
    const db = await t.blank();
    await db.migrate(db.migrations.slice(0, 5));
    await db.query(
      `INSERT INTO papers (id, version, title, abstract, authors_json, published_at, ai_keywords_json, categories_json, sources_json, first_seen_at, updated_at)
       VALUES ('2599.00001', 1, 'Old', 'Old abstract.', '["Ada Fixture"]', '2026-03-01T00:00:00.000Z', '[]', '[]', '["arxiv"]', '2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z')`,
    );
    const stores = await db.open();
    try {
      expect(await stores.papers.get('2599.00001')).toMatchObject({ title: 'Old', imageUrl: null });
      expect(await stores.saved.save(TEAM, 'U1', '2599.00001', '2026-03-02T00:00:00.000Z')).toBe(true);
      expect(await db.schemaVersion()).toBe(db.migrations.length);
    } finally {
      await stores.close();
    }
  });
});
