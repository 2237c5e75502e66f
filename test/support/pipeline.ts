import type { Logger } from 'pino';
import type { ChannelRef, ChatPort, Platform } from '../../src/chat/port.js';
import { fixedClock, type Clock } from '../../src/clock.js';
import { createDigestService, type DigestPipeline, type PipelineDeps, type PipelineSettings } from '../../src/digest/pipeline.js';
import { silentLogger } from '../../src/log.js';
import { Metrics } from '../../src/metrics.js';
import type { RuleEngine } from '../../src/rules/engine.js';
import { createRuleEngine } from '../../src/rules/rule-engine.js';
import type { PaperSource } from '../../src/sources/source.js';
import { openSqliteStores } from '../../src/store/sqlite/index.js';
import type { Channel, Stores } from '../../src/store/types.js';
import { FakeSource } from './fake-source.js';
import { RecordingPort } from './recording-port.js';

export interface PipelineHarness {
  stores: Stores;
  source: FakeSource;
  port: RecordingPort;
  clock: ReturnType<typeof fixedClock>;
  digest: DigestPipeline;
  metrics: Metrics;
  sleeps: number[];
  channel(channelId: string, rules: string[], platform?: Platform): Promise<Channel>;
  close(): Promise<void>;
}

/**
 * The digest service as every test harness builds it: the caller brings the
 * database, clock, sources and ports; the rest is the defaults the harnesses
 * share (no real waits, few attempts, small digests) unless overridden.
 */
export function testDigestService(
  deps: Pick<PipelineDeps, 'stores' | 'clock' | 'sources' | 'ports'> & Partial<Omit<PipelineDeps, 'settings'>> & { settings?: Partial<PipelineSettings> },
): DigestPipeline {
  const { settings, ...rest } = deps;
  return createDigestService({
    engine: createRuleEngine(),
    logger: silentLogger(),
    metrics: new Metrics(),
    owner: 'test-host:1',
    leaseMs: 60_000,
    maxAttempts: 2,
    sleep: async () => undefined,
    ...rest,
    settings: { maxPerDigest: 10, channelConcurrency: 2, defaultTimezone: 'UTC', maxCatchUpDays: 7, ...settings },
  });
}

/** A channel with its rules, as `/papers add` leaves it, stamped with the clock's time. */
export async function channelWithRules(stores: Stores, clock: Clock, ref: ChannelRef, rules: readonly string[], addedBy: string): Promise<Channel> {
  const c = await stores.channels.ensure(ref, clock.now().toISOString());
  for (const r of rules) await stores.rules.add(c.id, r, addedBy, clock.now().toISOString());
  return c;
}

/** The whole fetch → match → plan → post → record path, offline, on an in-memory database. */
export async function pipelineHarness(
  opts: {
    now?: string;
    maxPerDigest?: number;
    concurrency?: number;
    engine?: RuleEngine;
    sources?: PaperSource[];
    ports?: ChatPort[];
    dbPath?: string;
    logger?: Logger;
  } = {},
): Promise<PipelineHarness> {
  const stores = openSqliteStores(opts.dbPath ?? ':memory:');
  const source = new FakeSource('hf');
  const port = new RecordingPort('console');
  const clock = fixedClock(opts.now ?? '2026-03-10T08:00:00.000Z');
  const metrics = new Metrics();
  const sleeps: number[] = [];
  const ports = new Map<Platform, ChatPort>([[port.platform, port]]);
  for (const p of opts.ports ?? []) ports.set(p.platform, p);
  const digest = testDigestService({
    stores,
    ...(opts.engine ? { engine: opts.engine } : {}),
    ...(opts.logger ? { logger: opts.logger } : {}),
    sources: opts.sources ?? [source],
    ports,
    clock,
    metrics,
    maxAttempts: 3,
    // A wait moves the test's clock as if the time had passed.
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.advance(ms);
    },
    settings: { maxPerDigest: opts.maxPerDigest ?? 10, channelConcurrency: opts.concurrency ?? 4 },
  });
  return {
    stores,
    source,
    port,
    clock,
    digest,
    metrics,
    sleeps,
    channel: (channelId, rules, platform = 'console') =>
      channelWithRules(stores, clock, { platform, workspaceId: 'w1', channelId }, rules, `user-${channelId}`),
    close: () => stores.close(),
  };
}
