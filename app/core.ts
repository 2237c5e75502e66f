import type { Logger } from 'pino';
import type { ChatPort, Platform } from '../src/chat/port.js';
import { systemClock, type Clock } from '../src/clock.js';
import { createCommandHandler } from '../src/commands/handler.js';
import type { CommandHandler } from '../src/commands/types.js';
import type { Config } from '../src/config.js';
import { createDigestService, type DigestPipeline } from '../src/digest/pipeline.js';
import { processOwner } from '../src/digest/owner.js';
import { Metrics } from '../src/metrics.js';
import type { RuleEngine } from '../src/rules/engine.js';
import { RULES_HELP } from '../src/rules/help.js';
import { describeMatch } from '../src/rules/explain.js';
import { createRuleEngine } from '../src/rules/rule-engine.js';
import { findSimilar } from '../src/rules/similarity.js';
import type { PaperSource } from '../src/sources/source.js';
import { openSqliteStores } from '../src/store/sqlite/index.js';
import type { Stores } from '../src/store/types.js';
import { sleep } from '../src/util/limit.js';
import { buildSources } from './sources.js';

export interface Core {
  config: Config;
  stores: Stores;
  engine: RuleEngine;
  commands: CommandHandler;
  digest: DigestPipeline;
  metrics: Metrics;
  clock: Clock;
  logger: Logger;
  /** Adapters register their ports here before the first delivery. */
  ports: Map<Platform, ChatPort>;
  close(): Promise<void>;
}

export interface CoreOptions {
  config: Config;
  logger: Logger;
  sample?: boolean;
  clock?: Clock;
  sources?: readonly PaperSource[];
  sleep?: (ms: number) => Promise<void>;
}

/** The composition root of the platform-free core: one store, one engine, one pipeline for every adapter. */
export function createCore(opts: CoreOptions): Core {
  const { config, logger } = opts;
  const clock = opts.clock ?? systemClock;
  const stores = openSqliteStores(config.DATABASE_PATH, { logger });
  const engine = createRuleEngine();
  const metrics = new Metrics();
  const ports = new Map<Platform, ChatPort>();
  const sources = opts.sources ?? buildSources(config, { sample: opts.sample ?? false, clock, logger });
  const digest = createDigestService({
    stores,
    engine,
    sources,
    ports,
    clock,
    logger,
    metrics,
    owner: processOwner(),
    leaseMs: 120_000,
    maxAttempts: 4,
    sleep: opts.sleep ?? sleep,
    settings: {
      maxPerDigest: config.PAPERS_MAX_PER_DIGEST,
      channelConcurrency: config.PAPERS_CHANNEL_CONCURRENCY,
      defaultTimezone: config.TZ,
      maxCatchUpDays: 7,
    },
  });
  const commands = createCommandHandler({
    stores,
    engine,
    digest: () => digest,
    clock,
    defaults: { scheduleTime: config.PAPERS_DIGEST_TIME, timezone: config.TZ, maxPerDigest: config.PAPERS_MAX_PER_DIGEST },
    similar: findSimilar,
    rulesHelp: RULES_HELP,
    describeMatch,
    logger,
  });
  return { config, stores, engine, commands, digest, metrics, clock, logger, ports, close: () => stores.close() };
}
