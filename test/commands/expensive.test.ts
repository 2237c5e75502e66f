import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../app/core.js';
import { replyPlainText } from '../../src/chat/reply.js';
import { fixedClock } from '../../src/clock.js';
import type { CommandContext } from '../../src/commands/types.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { WorkQueue } from '../../src/util/work-queue.js';
import { generatePapers } from '../rules/support/corpus.js';
import { CHANNEL, harness } from './harness.js';

/*
 * Issue #11, point 6: nobody can stall the bot. `similar` and `preview` work
 * from the recent papers kept in memory and an index kept up to date, not a
 * re-read and re-tokenised window per call; expensive commands are limited
 * per person and per channel, and CPU-heavy ones wait in a bounded line.
 */
const NOW = '2026-03-10T08:00:00.000Z';

async function core(): Promise<{ core: Core; clock: ReturnType<typeof fixedClock>; rowsRead: () => number }> {
  const clock = fixedClock(NOW);
  const c = await createCore({ config: loadConfig({ DATABASE_PATH: ':memory:' }), logger: silentLogger(), sources: [], clock });
  let rows = 0;
  const papers = c.stores.papers;
  const between = papers.firstSeenBetween.bind(papers);
  // Optional: the store before issue #11 had no paged read, and this test must run there too.
  const page = papers.firstSeenPage?.bind(papers);
  papers.firstSeenBetween = async (from, to) => {
    const r = await between(from, to);
    rows += r.length;
    return r;
  };
  papers.firstSeenPage = async (from, after, limit) => {
    const r = (await page?.(from, after, limit)) ?? [];
    rows += r.length;
    return r;
  };
  return { core: c, clock, rowsRead: () => rows };
}

const as = (userId: string, over: Partial<CommandContext> = {}): CommandContext => ({
  channel: CHANNEL,
  userId,
  userName: null,
  canManage: false,
  threadId: null,
  ...over,
});

describe('similar and preview work from memory, not the whole window per call', () => {
  it('three similar calls read the 30 days once', async () => {
    const { core: c, rowsRead } = await core();
    const papers = generatePapers(600);
    await c.stores.papers.upsertMany(papers.slice(0, 300), '2026-02-20T06:00:00.000Z');
    await c.stores.papers.upsertMany(papers.slice(300), '2026-03-09T06:00:00.000Z');
    for (const [i, p] of papers.slice(0, 3).entries()) {
      const r = await c.commands.handle(as(`U${i}`), `similar ${p.id}`);
      expect(replyPlainText(r)).toMatch(/similarity \d\.\d\d/);
    }
    // Every paper read once (into memory); the calls after the first read nothing.
    expect(rowsRead()).toBe(600);
    await c.close();
  });

  it('a paper stored later is found without re-reading the rest', async () => {
    const { core: c, clock, rowsRead } = await core();
    const papers = generatePapers(201);
    await c.stores.papers.upsertMany(papers.slice(0, 200), '2026-03-09T06:00:00.000Z');
    await c.commands.handle(as('U1'), `similar ${papers[0]?.id}`);
    const twin = { ...papers[0], id: '2599.99999', title: `${papers[0]?.title}` } as (typeof papers)[number];
    await c.stores.papers.upsertMany([twin], '2026-03-10T07:00:00.000Z');
    clock.advance(60_000);
    const r = await c.commands.handle(as('U2'), `similar ${papers[0]?.id}`);
    expect(replyPlainText(r)).toContain('2599.99999');
    expect(rowsRead()).toBe(201);
    await c.close();
  });

  it('preview reads the week once too', async () => {
    const { core: c, rowsRead } = await core();
    await c.stores.papers.upsertMany(generatePapers(400), '2026-03-09T06:00:00.000Z');
    for (const u of ['U1', 'U2', 'U3']) expect((await c.commands.handle(as(u), 'preview pruning')).ok).toBe(true);
    expect(rowsRead()).toBe(400);
    await c.close();
  });
});

describe('expensive commands are limited per person and per channel', () => {
  it('the sixth in a minute from one person is refused with when to try again; others and cheap commands go on', async () => {
    const { core: c, clock } = await core();
    for (let i = 0; i < 5; i++) expect((await c.commands.handle(as('U1'), 'preview pruning')).ok).toBe(true);
    clock.advance(18_000);
    const sixth = await c.commands.handle(as('U1'), 'similar 2599.00001');
    expect(sixth.ok).toBe(false);
    expect(replyPlainText(sixth)).toMatch(/5 a minute per person; try again in 42 s/);
    expect((await c.commands.handle(as('U1'), 'list')).ok).toBe(true);
    expect((await c.commands.handle(as('U2'), 'preview pruning')).ok).toBe(true);
    clock.advance(42_000);
    expect((await c.commands.handle(as('U1'), 'preview pruning')).ok).toBe(true);
    await c.close();
  });

  it('a channel gets 15 a minute, whoever asks', async () => {
    const { core: c } = await core();
    for (let i = 0; i < 15; i++) expect((await c.commands.handle(as(`U${i}`), 'preview pruning')).ok).toBe(true);
    const r = await c.commands.handle(as('U99'), 'digest');
    expect(r.ok).toBe(false);
    expect(replyPlainText(r)).toMatch(/15 a minute per channel/);
    expect((await c.commands.handle(as('U99', { channel: { ...CHANNEL, channelId: 'C-ELSEWHERE' } }), 'preview pruning')).ok).toBe(true);
    await c.close();
  });
});

describe('CPU-heavy commands wait in a bounded line', () => {
  it('answers busy at once when the line is full, and runs the rest in turn', async () => {
    let release = (): void => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const h = harness({
      work: new WorkQueue(1, 1),
      similar: {
        async similarTo() {
          await gate;
          return [];
        },
      },
    });
    await h.addPapers(generatePapers(3));
    const first = h.run('similar 2599.00001');
    const second = h.run('similar 2599.00002');
    const third = await h.run('similar 2599.00003');
    expect(third.ok).toBe(false);
    expect(replyPlainText(third)).toMatch(/busy/);
    release();
    expect((await first).ok).toBe(true);
    expect((await second).ok).toBe(true);
  });
});
