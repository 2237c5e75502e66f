import { beforeEach, expect, it } from 'vitest';
import { RuleLimitError } from '../../src/store/errors.js';
import type { Stores } from '../../src/store/types.js';
import { describeEngines } from './engines.js';
import { NOW, SLACK, openWithChannel } from './helpers.js';

describeEngines('rule store', (t) => {
  let stores: Stores;
  let channelId: number;
  beforeEach(async () => {
    ({ stores, channelId } = await openWithChannel(t));
  });

  it('adds rules and lists them in the order added', async () => {
    const a = await stores.rules.add(channelId, 'pruning', 'U1', NOW);
    const b = await stores.rules.add(channelId, '"state space" -survey', 'U2', NOW);
    expect(a).toEqual({ id: a.id, channelId, text: 'pruning', addedBy: 'U1', addedAt: NOW });
    expect((await stores.rules.list(channelId)).map((r) => r.text)).toEqual(['pruning', '"state space" -survey']);
    expect(b.id).not.toBe(a.id);
  });

  it('keeps one rule per text regardless of case, returning the existing one', async () => {
    const a = await stores.rules.add(channelId, 'Pruning', 'U1', NOW);
    const again = await stores.rules.add(channelId, 'pRUNING', 'U2', '2026-03-11T00:00:00.000Z');
    expect(again).toEqual(a);
    // Unicode case folding too, which the databases' lower() does not do here.
    const u = await stores.rules.add(channelId, 'ÉCOLE', 'U1', NOW);
    expect(await stores.rules.add(channelId, 'école', 'U1', NOW)).toEqual(u);
    expect(await stores.rules.list(channelId)).toHaveLength(2);
  });

  it('with a limit, refuses a rule past it in the same transaction, but still returns a rule the channel has', async () => {
    for (const t of ['a1', 'a2', 'a3']) await stores.rules.add(channelId, t, 'U1', NOW, 3);
    await expect(stores.rules.add(channelId, 'a4', 'U1', NOW, 3)).rejects.toBeInstanceOf(RuleLimitError);
    await expect(stores.rules.add(channelId, 'a4', 'U1', NOW, 3)).rejects.toMatchObject({ count: 3 });
    expect((await stores.rules.add(channelId, 'A2', 'U2', NOW, 3)).text).toBe('a2');
    expect(await stores.rules.list(channelId)).toHaveLength(3);
    // Without a limit the store itself adds.
    expect((await stores.rules.add(channelId, 'a4', 'U1', NOW)).text).toBe('a4');
  });

  it('another channel may have the same rule text', async () => {
    await stores.rules.add(channelId, 'Pruning', 'U1', NOW);
    const other = (await stores.channels.ensure({ ...SLACK, channelId: 'C0OTHER' }, NOW)).id;
    const r = await stores.rules.add(other, 'pruning', 'U1', NOW);
    expect(r.channelId).toBe(other);
    expect(await stores.rules.list(other)).toEqual([r]);
  });

  it('the database itself refuses a duplicate rule written around the store', async () => {
    await stores.rules.add(channelId, 'Pruning', 'U1', NOW);
    await expect(
      t.db().query('INSERT INTO rules (channel_id, text, added_by, added_at) VALUES (?, ?, ?, ?)', [channelId, 'PRUNING', 'U2', NOW]),
    ).rejects.toThrow(/UNIQUE/i);
  });

  it('removes by id or by text, case-insensitively, only within the channel', async () => {
    const a = await stores.rules.add(channelId, 'pruning', 'U1', NOW);
    const b = await stores.rules.add(channelId, 'distillation', 'U1', NOW);
    const other = (await stores.channels.ensure({ ...SLACK, channelId: 'C0OTHER' }, NOW)).id;
    const c = await stores.rules.add(other, 'quantization', 'U1', NOW);
    expect(await stores.rules.remove(channelId, String(c.id))).toBeNull();
    expect(await stores.rules.remove(channelId, `  ${a.id} `)).toEqual(a);
    expect(await stores.rules.remove(channelId, 'DISTILLATION')).toEqual(b);
    expect(await stores.rules.remove(channelId, 'distillation')).toBeNull();
    expect(await stores.rules.list(channelId)).toEqual([]);
    expect(await stores.rules.list(other)).toEqual([c]);
  });

  it('removes a rule whose text is a number when no rule has that id', async () => {
    const r = await stores.rules.add(channelId, '2048', 'U1', NOW);
    expect(r.id).not.toBe(2048);
    expect(await stores.rules.remove(channelId, '2048')).toEqual(r);
  });

  it('listActive leaves out the rules of paused channels', async () => {
    const other = (await stores.channels.ensure({ ...SLACK, channelId: 'C0OTHER' }, NOW)).id;
    await stores.rules.add(channelId, 'pruning', 'U1', NOW);
    await stores.rules.add(other, 'quantization', 'U1', NOW);
    await stores.channels.setPaused(other, true, 'paused by U1');
    expect((await stores.rules.listActive()).map((r) => r.text)).toEqual(['pruning']);
    await stores.channels.setPaused(other, false, null);
    expect((await stores.rules.listActive()).map((r) => r.text).sort()).toEqual(['pruning', 'quantization']);
  });

  it('refuses a rule for a channel that does not exist (foreign keys are on)', async () => {
    await expect(stores.rules.add(9999, 'pruning', 'U1', NOW)).rejects.toThrow(/FOREIGN KEY/i);
  });
});
