import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import pg from 'pg';
import { beforeEach, expect, it } from 'vitest';
import { WORKER_NAMESPACE } from '../../src/store/postgres/locks.js';
import type { Stores } from '../../src/store/types.js';
import { describeEngines, type EngineSuite } from './engines.js';
import { digestPlan, NOW, SLACK } from './helpers.js';

const LEASE = 120_000;
const at = (ms: number) => new Date(Date.parse(NOW) + ms).toISOString();

/**
 * An owner that is alive as far as this engine can tell: on SQLite a running
 * process of this host (the test runner's parent); on PostgreSQL a worker
 * whose session holds its worker lock (released by `end`).
 */
async function liveOwner(t: EngineSuite, name: string): Promise<{ owner: string; end: () => Promise<void> }> {
  if (t.engine === 'sqlite') return { owner: `${hostname()}:${process.ppid}:${name}`, end: async () => undefined };
  // Worker locks are per database, which other test files share: the name is made unique.
  const owner = `${name}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const session = new pg.Client({ connectionString: t.db().location });
  await session.connect();
  await session.query('SELECT pg_advisory_lock($1, hashtext($2))', [WORKER_NAMESPACE, owner]);
  return { owner, end: () => session.end() };
}

/** An owner that no longer runs: a pid of this host that is not running (SQLite), a worker whose session ended (PostgreSQL). */
async function goneOwner(t: EngineSuite, name: string): Promise<string> {
  if (t.engine === 'sqlite') return `${hostname()}:2147483646`;
  const live = await liveOwner(t, name);
  await live.end();
  return live.owner;
}

async function channelsWithPlans(stores: Stores, n: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const ch = (await stores.channels.ensure({ ...SLACK, channelId: `C${i}` }, NOW)).id;
    await stores.deliveries.planDigest(digestPlan(ch, `d${i}`, [`2599.${String(i).padStart(5, '0')}`]));
    ids.push(ch);
  }
  return ids;
}

describeEngines('delivery store: channel claims', (t) => {
  let stores: Stores;
  let ch: number;
  beforeEach(async () => {
    stores = await t.open();
    ch = (await stores.channels.ensure(SLACK, NOW)).id;
  });

  it('a free channel is taken once; its holder may take it again; only the holder renews and releases', async () => {
    expect(await stores.deliveries.claimChannel(ch, 'w1', NOW, LEASE)).toBe(true);
    expect(await stores.deliveries.claimChannel(ch, 'w2', at(1), LEASE)).toBe(false);
    expect(await stores.deliveries.claimChannel(ch, 'w1', at(2), LEASE)).toBe(true);
    expect(await stores.deliveries.channelHolder(ch)).toEqual({ owner: 'w1', claimedAt: at(2) });
    expect(await stores.deliveries.renewChannel(ch, 'w2', at(3))).toBe(false);
    expect(await stores.deliveries.renewChannel(ch, 'w1', at(3))).toBe(true);
    await stores.deliveries.releaseChannel(ch, 'w2');
    expect(await stores.deliveries.channelHolder(ch)).toEqual({ owner: 'w1', claimedAt: at(3) });
    await stores.deliveries.releaseChannel(ch, 'w1');
    expect(await stores.deliveries.channelHolder(ch)).toBeNull();
    expect(await stores.deliveries.claimChannel(ch, 'w2', at(4), LEASE)).toBe(true);
  });

  it('a takeover names the claim it replaces: only once lapsed (or at once with lease 0), never a renewed one', async () => {
    await stores.deliveries.claimChannel(ch, 'w1', NOW, LEASE);
    const seen = { owner: 'w1', claimedAt: NOW };
    expect(await stores.deliveries.claimChannel(ch, 'w2', at(LEASE - 1), LEASE, seen)).toBe(false);
    await stores.deliveries.renewChannel(ch, 'w1', at(10));
    expect(await stores.deliveries.claimChannel(ch, 'w2', at(LEASE * 3), LEASE, seen)).toBe(false);
    expect(await stores.deliveries.claimChannel(ch, 'w2', at(LEASE + 10), LEASE, { owner: 'w1', claimedAt: at(10) })).toBe(true);
    expect(await stores.deliveries.channelHolder(ch)).toEqual({ owner: 'w2', claimedAt: at(LEASE + 10) });
    expect(await stores.deliveries.claimChannel(ch, 'w3', at(LEASE + 11), 0, { owner: 'w2', claimedAt: at(LEASE + 10) })).toBe(true);
  });

  it('takeChannels takes channels whose queue starts with a due delivery, up to the limit, never a paused one or one another holds', async () => {
    const [a, b, c, d, e] = await channelsWithPlans(stores, 5);
    // b's first delivery waits for a retry: its later ones must not overtake it.
    const [bHead] = await stores.deliveries.unsent(b);
    await stores.deliveries.claim(bHead!.id, 'w9', NOW, LEASE);
    await stores.deliveries.retryLater(bHead!.id, 'w9', { at: at(60_000), reason: '5xx', countAttempt: true, maybeSent: true });
    await stores.channels.setPaused(c!, true, 'archived', NOW);
    const [w1, w2, other] = await Promise.all(['w1', 'w2', 'other'].map((n) => liveOwner(t, n)));
    try {
      expect(await stores.deliveries.claimChannel(d!, other!.owner, NOW, LEASE)).toBe(true);
      expect(await stores.deliveries.takeChannels(w1!.owner, at(1), LEASE, 1)).toEqual([a]);
      // What w1 holds already is not taken again.
      expect(await stores.deliveries.takeChannels(w1!.owner, at(2), LEASE, 10)).toEqual([e]);
      expect(await stores.deliveries.takeChannels(w2!.owner, at(3), LEASE, 10)).toEqual([]);
      // Once the retry is due, b's queue can go.
      expect(await stores.deliveries.takeChannels(w2!.owner, at(60_000), LEASE, 10)).toEqual([b]);
      // A live holder's claim lapses with its lease.
      expect(await stores.deliveries.takeChannels(w2!.owner, at(LEASE + 1), LEASE, 10)).toEqual(expect.arrayContaining([d]));
    } finally {
      await Promise.all([w1, w2, other].map((o) => o!.end()));
    }
  });

  it('a channel held by an owner that no longer runs is taken at once, without waiting for the lease', async () => {
    const [a] = await channelsWithPlans(stores, 1);
    const gone = await goneOwner(t, 'worker-gone');
    const w1 = await liveOwner(t, 'w1');
    try {
      expect(await stores.deliveries.claimChannel(a!, gone, NOW, LEASE)).toBe(true);
      expect(await stores.deliveries.takeChannels(w1.owner, at(1), LEASE, 10)).toEqual([a]);
      expect(await stores.deliveries.channelHolder(a!)).toEqual({ owner: w1.owner, claimedAt: at(1) });
    } finally {
      await w1.end();
    }
  });

  it('workload counts what an owner holds and how long the oldest due planned delivery has been due', async () => {
    expect(await stores.deliveries.workload('w1', NOW)).toEqual({ deliveries: 0, channels: 0, oldestDueAt: null });
    await stores.deliveries.planDigest(digestPlan(ch, 'd1', ['2599.00001', '2599.00002'], { plannedAt: at(-5000) }));
    const [head, second] = await stores.deliveries.unsent(ch);
    await stores.deliveries.claimChannel(ch, 'w1', NOW, LEASE);
    await stores.deliveries.claim(head!.id, 'w1', NOW, LEASE);
    expect(await stores.deliveries.workload('w1', NOW)).toEqual({ deliveries: 1, channels: 1, oldestDueAt: at(-5000) });
    expect(await stores.deliveries.workload('w2', NOW)).toMatchObject({ deliveries: 0, channels: 0 });
    await stores.deliveries.claim(second!.id, 'w1', NOW, LEASE);
    await stores.deliveries.retryLater(second!.id, 'w1', { at: at(30_000), reason: '5xx', countAttempt: true, maybeSent: false });
    // Only what is due counts: the retry is due from its own time on.
    expect((await stores.deliveries.workload('w1', at(40_000))).oldestDueAt).toBe(at(-5000));
  });
});

describeEngines('channel claims taken at once by several workers', (t) => {
  it('six takers at once get disjoint channels, and between them and a last taker every channel', async () => {
    const handles = await Promise.all(Array.from({ length: 3 }, () => t.open({ maxConnections: 4 })));
    const ids = await channelsWithPlans(handles[0]!, 20);
    const owners = await Promise.all(Array.from({ length: 7 }, (_, k) => liveOwner(t, `w${k}`)));
    try {
      const rounds = await Promise.all(Array.from({ length: 6 }, (_, k) => handles[k % 3]!.deliveries.takeChannels(owners[k]!.owner, NOW, LEASE, 5)));
      const taken = rounds.flat();
      expect(new Set(taken).size).toBe(taken.length);
      const rest = await handles[1]!.deliveries.takeChannels(owners[6]!.owner, NOW, LEASE, 100);
      expect([...taken, ...rest].sort((a, b) => a - b)).toEqual(ids);
      for (const [k, got] of rounds.entries()) for (const id of got) expect((await handles[2]!.deliveries.channelHolder(id))?.owner).toBe(owners[k]!.owner);
    } finally {
      await Promise.all(owners.map((o) => o.end()));
    }
  });
});
