import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelRef, ChatPort, OutboundMessage, SendOptions, SentMessage } from '../../src/chat/port.js';
import { fixedClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { openSqliteStores } from '../../src/store/sqlite/index.js';
import type { Stores } from '../../src/store/types.js';
import { FakeSource } from '../support/fake-source.js';
import { makePaper } from '../support/papers.js';
import { channelWithRules, testDigestService } from '../support/pipeline.js';

const LEASE = 120_000;
let stores: Stores | null = null;
afterEach(async () => {
  await stores?.close();
  stores = null;
});

/** A port whose sends wait until the test lets them finish, counting posts per idempotency key. */
class GatedPort implements ChatPort {
  readonly platform = 'slack' as const;
  readonly posted = new Map<string, number>();
  inFlight = 0;
  maxInFlight = 0;
  private open = false;
  private waiting: (() => void)[] = [];
  onStart: (() => void) | null = null;

  release(): void {
    this.open = true;
    for (const w of this.waiting.splice(0)) w();
  }

  async send(_c: ChannelRef, _m: OutboundMessage, opts: SendOptions): Promise<SentMessage> {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    this.onStart?.();
    if (!this.open) await new Promise<void>((r) => this.waiting.push(r));
    this.inFlight -= 1;
    this.posted.set(opts.idempotencyKey, (this.posted.get(opts.idempotencyKey) ?? 0) + 1);
    return { messageId: opts.idempotencyKey, threadId: opts.idempotencyKey };
  }
}

describe('claims while a send runs (issue #10, point 3)', () => {
  it('a send that outlasts the lease keeps its claim: another process does not take the delivery and post it too', async () => {
    stores = openSqliteStores(':memory:');
    const clock = fixedClock('2026-03-10T08:00:00.000Z');
    const source = new FakeSource('hf').set('2026-03-10', [makePaper({ title: 'Pruning one' })]);
    await channelWithRules(stores, clock, { platform: 'slack', workspaceId: 'T1', channelId: 'C1' }, ['pruning'], 'U1');
    const slow = new GatedPort();
    let started: () => void = () => undefined;
    const firstSendStarted = new Promise<void>((r) => (started = r));
    slow.onStart = () => started();
    const a = testDigestService({ stores, clock, sources: [source], ports: new Map([['slack', slow]]), owner: 'host-a:1', leaseMs: LEASE, renewEveryMs: 5 });
    const other = new GatedPort();
    other.release();
    const b = testDigestService({ stores, clock, sources: [source], ports: new Map([['slack', other]]), owner: 'host-b:2', leaseMs: LEASE });

    const cycle = a.runCycle();
    await firstSendStarted;
    // Several Retry-After waits later: the lease has long run out by the clock.
    clock.advance(3 * LEASE);
    // The owner renews on its own timer while it waits on the platform.
    await new Promise((r) => setTimeout(r, 50));
    await b.deliverPending();
    slow.release();
    await cycle;
    await b.deliverPending();

    const everyKey = new Set([...slow.posted.keys(), ...other.posted.keys()]);
    expect(everyKey.size).toBe(2);
    for (const key of everyKey) expect((slow.posted.get(key) ?? 0) + (other.posted.get(key) ?? 0)).toBe(1);
    // The header was in flight at A while B ran: B did not take it.
    expect([...other.posted.keys()]).not.toContain([...slow.posted.keys()][0]);
    expect(await stores.deliveries.countByStatus()).toMatchObject({ sent: 2, attempted: 0, planned: 0 });
  });
});

describe('delivery at the platform pace (issue #10, point 4)', () => {
  it('with default settings, 200 channels are delivered at once rather than a few at a time', async () => {
    stores = openSqliteStores(':memory:');
    const clock = fixedClock('2026-03-10T08:00:00.000Z');
    const papers = Array.from({ length: 200 }, (_, i) => makePaper({ title: `Topic${i} study` }));
    const source = new FakeSource('hf').set('2026-03-10', papers);
    for (let i = 0; i < 200; i++) await channelWithRules(stores, clock, { platform: 'slack', workspaceId: 'T1', channelId: `C${i}` }, [`topic${i}`], 'U1');
    const port = new GatedPort();
    // Every channel's first post waits until all 200 have started one (or, failing that, until the time is up).
    port.onStart = () => {
      if (port.inFlight >= 200) port.release();
    };
    const giveUp = setTimeout(() => port.release(), 15_000);
    const defaults = loadConfig({});
    const digest = testDigestService({
      stores,
      clock,
      sources: [source],
      ports: new Map([['slack', port]]),
      settings: { channelConcurrency: defaults.PAPERS_CHANNEL_CONCURRENCY },
    });
    await digest.runCycle();
    clearTimeout(giveUp);
    expect(port.maxInFlight).toBe(200);
    expect([...port.posted.values()].every((n) => n === 1)).toBe(true);
    expect(port.posted.size).toBe(400);
  }, 30_000);
});
