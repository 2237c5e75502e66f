import type { ChatPort, Platform } from '../../src/chat/port.js';
import { fixedClock } from '../../src/clock.js';
import { createDigestService, type DigestPipeline } from '../../src/digest/pipeline.js';
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

/** The whole fetch → match → plan → post → record path, offline, on an in-memory database. */
export async function pipelineHarness(opts: { now?: string; maxPerDigest?: number; concurrency?: number; engine?: RuleEngine; sources?: PaperSource[]; ports?: ChatPort[]; dbPath?: string } = {}): Promise<PipelineHarness> {
  const stores = openSqliteStores(opts.dbPath ?? ':memory:');
  const source = new FakeSource('hf');
  const port = new RecordingPort('console');
  const clock = fixedClock(opts.now ?? '2026-03-10T08:00:00.000Z');
  const metrics = new Metrics();
  const sleeps: number[] = [];
  const ports = new Map<Platform, ChatPort>([[port.platform, port]]);
  for (const p of opts.ports ?? []) ports.set(p.platform, p);
  const digest = createDigestService({
    stores,
    engine: opts.engine ?? createRuleEngine(),
    sources: opts.sources ?? [source],
    ports,
    clock,
    logger: silentLogger(),
    metrics,
    owner: 'test-host:1',
    leaseMs: 60_000,
    maxAttempts: 3,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    settings: { maxPerDigest: opts.maxPerDigest ?? 10, channelConcurrency: opts.concurrency ?? 4, defaultTimezone: 'UTC', maxCatchUpDays: 7 },
  });
  return {
    stores,
    source,
    port,
    clock,
    digest,
    metrics,
    sleeps,
    async channel(channelId, rules, platform = 'console') {
      const c = await stores.channels.ensure({ platform, workspaceId: 'w1', channelId }, clock.now().toISOString());
      for (const r of rules) await stores.rules.add(c.id, r, `user-${channelId}`, clock.now().toISOString());
      return c;
    },
    close: () => stores.close(),
  };
}
