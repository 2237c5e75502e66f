import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStores } from '../../src/store/sqlite/index.js';
import { digestPlan, NOW, SLACK, tempDir } from './helpers.js';
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

describe('two handles on one database file', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  it('two planners that both saw a paper as new give it to the channel once', async () => {
    const a = openSqliteStores(tmp.file());
    const b = openSqliteStores(tmp.file());
    try {
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
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('a claim taken through one handle is refused through the other', async () => {
    const a = openSqliteStores(tmp.file());
    const b = openSqliteStores(tmp.file());
    try {
      const ch = (await a.channels.ensure(SLACK, NOW)).id;
      await a.deliveries.planDigest(digestPlan(ch, 'd1', ['2599.00001']));
      const [first] = await b.deliveries.unsent(ch);
      if (!first) throw new Error('fixture');
      expect((await a.deliveries.claim(first.id, 'host:1', NOW, 60_000)).claimed).toBe(true);
      expect((await b.deliveries.claim(first.id, 'host:2', NOW, 60_000)).claimed).toBe(false);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('two processes planning and claiming at once: no error, each paper once, each delivery claimed by one', async () => {
    const file = tmp.file();
    const here = openSqliteStores(file);
    try {
      const ch = (await here.channels.ensure(SLACK, NOW)).id;
      const go = join(tmp.dir, 'go');
      const other = child([file, String(ch), 'host:2', go]);
      await other.ready;
      writeFileSync(go, '');
      const [mine, theirs] = await Promise.all([race(here, ch, 'host:1', true), other.result]);

      const raw = new Database(file, { readonly: true });
      try {
        const perPaper = raw.prepare("SELECT paper_id, count(*) AS n FROM deliveries WHERE kind = 'paper' GROUP BY paper_id").all() as {
          paper_id: string;
          n: number;
        }[];
        expect(perPaper).toHaveLength(RACE_PAPERS);
        expect(perPaper.filter((r) => r.n !== 1)).toEqual([]);
        expect(raw.prepare('SELECT count(*) FROM deliveries').pluck().get()).toBe(mine.written + theirs.written);
        // Both got some of the work in, so the two really interleaved.
        expect(mine.written).toBeGreaterThan(0);
        expect(theirs.written).toBeGreaterThan(0);
        // Every row was claimed, and never by both.
        expect(mine.claimed.filter((id) => theirs.claimed.includes(id))).toEqual([]);
        expect(mine.claimed.length + theirs.claimed.length).toBe(mine.written + theirs.written);
      } finally {
        raw.close();
      }
    } finally {
      await here.close();
    }
  }, 15_000);
});
