import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { RuleLimitError } from '../../src/store/errors.js';
import type { Stores } from '../../src/store/types.js';
import { describeEngines, type EngineSuite } from './engines.js';
import { digestPlan, NOW, SLACK } from './helpers.js';
import { race, RACE_PAPERS } from './race-loop.js';

const CHILD = join(import.meta.dirname, 'race-child.ts');

function child(args: string[]): { ready: Promise<void>; result: Promise<{ written: number; claimed: number[] }> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  proc.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.startsWith('ready\n')) onReady();
  });
  proc.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const result = new Promise<{ written: number; claimed: number[] }>((resolve, reject) => {
    proc.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`race child exited ${code}: ${err}`));
      const last = out.trim().split('\n').pop() ?? '';
      resolve(JSON.parse(last) as { written: number; claimed: number[] });
    });
  });
  return { ready, result };
}

/** Every paper of the channel delivered how many times: the unique index's work, read around the store. */
async function perPaper(t: EngineSuite): Promise<{ paper_id: string; n: number }[]> {
  return t
    .db()
    .query<{ paper_id: string; n: number }>("SELECT paper_id, count(*) AS n FROM deliveries WHERE kind = 'paper' GROUP BY paper_id ORDER BY paper_id");
}

describeEngines('two handles on one database', (t) => {
  it('two planners that both saw a paper as new give it to the channel once', async () => {
    const a = await t.open();
    const b = await t.open();
    const ch = (await a.channels.ensure(SLACK, NOW)).id;
    expect((await b.channels.ensure(SLACK, NOW)).id).toBe(ch);
    // Both check before either writes: the race the unique index settles.
    expect(await a.deliveries.offered(ch, ['2599.00001'])).toEqual(new Set());
    expect(await b.deliveries.offered(ch, ['2599.00001'])).toEqual(new Set());
    expect(await a.deliveries.planDigest(digestPlan(ch, 'da', ['2599.00001', '2599.00002']))).toBe(3);
    expect(await b.deliveries.planDigest(digestPlan(ch, 'db', ['2599.00001', '2599.00003']))).toBe(2);
    expect(await b.deliveries.planDigest(digestPlan(ch, 'dc', ['2599.00001']))).toBe(0);
    const papers = (await a.deliveries.unsent(ch)).filter((d) => d.kind === 'paper');
    expect(papers.map((d) => [d.digestId, d.paperId])).toEqual([
      ['da', '2599.00001'],
      ['da', '2599.00002'],
      ['db', '2599.00003'],
    ]);
  });

  it('a claim taken through one handle is refused through the other', async () => {
    const a = await t.open();
    const b = await t.open();
    const ch = (await a.channels.ensure(SLACK, NOW)).id;
    await a.deliveries.planDigest(digestPlan(ch, 'd1', ['2599.00001']));
    const [first] = await b.deliveries.unsent(ch);
    if (!first) throw new Error('fixture');
    expect((await a.deliveries.claim(first.id, 'host:1', NOW, 60_000)).claimed).toBe(true);
    expect((await b.deliveries.claim(first.id, 'host:2', NOW, 60_000)).claimed).toBe(false);
  });

  it('two processes planning and claiming at once: no error, each paper once, each delivery claimed by one', async () => {
    const here = await t.open();
    const ch = (await here.channels.ensure(SLACK, NOW)).id;
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-race-'));
    try {
      const go = join(dir, 'go');
      const other = child([t.engine, t.db().location, String(ch), 'host:2', go]);
      await other.ready;
      writeFileSync(go, '');
      const [mine, theirs] = await Promise.all([race(here, ch, 'host:1', true), other.result]);

      const papers = await perPaper(t);
      expect(papers).toHaveLength(RACE_PAPERS);
      expect(papers.filter((r) => r.n !== 1)).toEqual([]);
      expect(await t.db().query('SELECT id FROM deliveries')).toHaveLength(mine.written + theirs.written);
      // Both got some of the work in, so the two really interleaved.
      expect(mine.written).toBeGreaterThan(0);
      expect(theirs.written).toBeGreaterThan(0);
      // Every row was claimed, and never by both.
      expect(mine.claimed.filter((id) => theirs.claimed.includes(id))).toEqual([]);
      expect(mine.claimed.length + theirs.claimed.length).toBe(mine.written + theirs.written);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

/*
 * Many writers at once, through several handles of several connections each
 * (on PostgreSQL: pools of 4, so statements really run side by side; on
 * SQLite the same calls take turns on the file lock).
 */
describeEngines('many writers at once', (t) => {
  const HANDLES = 4;
  const LEASE = 120_000;
  const handles = async (): Promise<Stores[]> => Promise.all(Array.from({ length: HANDLES }, () => t.open({ maxConnections: 4 })));

  it('the rule limit holds when 80 subscribes race for 50 places', async () => {
    const all = await handles();
    const ch = (await all[0]!.channels.ensure(SLACK, NOW)).id;
    const results = await Promise.allSettled(Array.from({ length: 80 }, (_, i) => all[i % HANDLES]!.rules.add(ch, `rule ${i}`, `U${i}`, NOW, 50)));
    const refused = results.filter((r) => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(50);
    expect(refused).toHaveLength(30);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(RuleLimitError);
    expect(await all[1]!.rules.list(ch)).toHaveLength(50);
  });

  it('the same rule added at once from every handle is stored once, and each caller gets that rule', async () => {
    const all = await handles();
    const ch = (await all[0]!.channels.ensure(SLACK, NOW)).id;
    const added = await Promise.all(Array.from({ length: 12 }, (_, i) => all[i % HANDLES]!.rules.add(ch, i % 2 ? 'Pruning' : 'pruning', 'U1', NOW, 50)));
    expect(new Set(added.map((r) => r.id)).size).toBe(1);
    expect(await all[0]!.rules.list(ch)).toHaveLength(1);
  });

  it('overlapping digests planned at once give each paper to the channel once, in whole plans', async () => {
    const all = await handles();
    const ch = (await all[0]!.channels.ensure(SLACK, NOW)).id;
    const ids = (from: number) => [0, 1, 2, 3].map((k) => `2599.${String((from + k) % 12).padStart(5, '0')}`);
    const written = await Promise.all(Array.from({ length: 16 }, (_, i) => all[i % HANDLES]!.deliveries.planDigest(digestPlan(ch, `d${i}`, ids(i)))));
    const papers = await perPaper(t);
    expect(papers).toHaveLength(12);
    expect(papers.filter((r) => r.n !== 1)).toEqual([]);
    expect(await t.db().query('SELECT id FROM deliveries')).toHaveLength(written.reduce((a, b) => a + b, 0));
    // Whole plans: each digest written is numbered 0..n-1 without gaps, and none is a lone header.
    const byDigest = new Map<string, { seqs: number[]; papers: number }>();
    for (const d of await all[2]!.deliveries.unsent(ch)) {
      const entry = byDigest.get(d.digestId) ?? { seqs: [], papers: 0 };
      entry.seqs.push(d.seq);
      if (d.kind === 'paper') entry.papers += 1;
      byDigest.set(d.digestId, entry);
    }
    for (const [digest, { seqs, papers }] of byDigest) {
      expect({ digest, seqs }).toEqual({ digest, seqs: seqs.map((_, i) => i) });
      expect({ digest, papers: papers > 0 }).toEqual({ digest, papers: true });
    }
  });

  it('each delivery is claimed by exactly one of twelve concurrent claimers', async () => {
    const all = await handles();
    const ch = (await all[0]!.channels.ensure(SLACK, NOW)).id;
    await all[0]!.deliveries.planDigest(
      digestPlan(
        ch,
        'd1',
        Array.from({ length: 10 }, (_, i) => `2599.${String(i).padStart(5, '0')}`),
      ),
    );
    const unsent = await all[0]!.deliveries.unsent(ch);
    const attempts = unsent.flatMap((d) =>
      Array.from({ length: 12 }, (_, k) => all[k % HANDLES]!.deliveries.claim(d.id, `host:${k}`, NOW, LEASE).then((r) => ({ id: d.id, ...r }))),
    );
    const won = (await Promise.all(attempts)).filter((r) => r.claimed);
    expect(won.map((r) => r.id).sort((a, b) => a - b)).toEqual(unsent.map((d) => d.id).sort((a, b) => a - b));
    expect(won.every((r) => !r.maybeSent)).toBe(true);
  });

  it('a lapsed claim is taken over by exactly one of twelve, who hears it may have been sent', async () => {
    const all = await handles();
    const ch = (await all[0]!.channels.ensure(SLACK, NOW)).id;
    await all[0]!.deliveries.planDigest(digestPlan(ch, 'd1', ['2599.00001', '2599.00002', '2599.00003']));
    const unsent = await all[0]!.deliveries.unsent(ch);
    for (const d of unsent) expect((await all[0]!.deliveries.claim(d.id, 'host:dead', NOW, LEASE)).claimed).toBe(true);
    const later = new Date(Date.parse(NOW) + LEASE).toISOString();
    const attempts = unsent.flatMap((d) =>
      Array.from({ length: 12 }, (_, k) =>
        // Each names the claim it saw, as a takeover must.
        all[k % HANDLES]!.deliveries.claim(d.id, `host:${k}`, later, LEASE, { owner: 'host:dead', claimedAt: NOW }).then((r) => ({
          id: d.id,
          owner: `host:${k}`,
          ...r,
        })),
      ),
    );
    const won = (await Promise.all(attempts)).filter((r) => r.claimed);
    expect(won).toHaveLength(unsent.length);
    expect(new Set(won.map((r) => r.id)).size).toBe(unsent.length);
    expect(won.every((r) => r.maybeSent)).toBe(true);
    // The row names the one winner.
    for (const w of won) expect((await all[3]!.deliveries.unsent(ch)).find((d) => d.id === w.id)?.claimedBy).toBe(w.owner);
  });
});
