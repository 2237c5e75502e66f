import type { Logger } from 'pino';
import type { ChatPort, Platform } from '../src/chat/port.js';
import { systemClock, type Clock } from '../src/clock.js';
import { createCommandHandler } from '../src/commands/handler.js';
import type { CommandHandler } from '../src/commands/types.js';
import type { Config } from '../src/config.js';
import { createDigestService, type DigestPipeline } from '../src/digest/pipeline.js';
import { collectChannelFeedback } from '../src/feedback/collect.js';
import { createChannelLearning } from '../src/feedback/learning.js';
import { createRecapRunner, type RecapRunner } from '../src/feedback/recap-runner.js';
import { createFeedbackRecorder, type FeedbackRecorder } from '../src/feedback/recorder.js';
import { createInteractions } from '../src/interact/service.js';
import type { Interactions } from '../src/interact/types.js';
import { TermCache } from '../src/learn/terms.js';
import { Metrics } from '../src/metrics.js';
import type { RuleEngine } from '../src/rules/engine.js';
import { RULES_HELP } from '../src/rules/help.js';
import { describeMatch } from '../src/rules/explain.js';
import { createRuleEngine } from '../src/rules/rule-engine.js';
import { SIMILAR_WINDOW_DAYS } from '../src/commands/limits.js';
import { CommandRateLimiter, EXPENSIVE_LIMITS } from '../src/commands/rate-limit.js';
import { RecentPapers } from '../src/papers/recent-papers.js';
import { CompoundLearner } from '../src/rules/compound-learner.js';
import { similarOverRecent } from '../src/rules/similar-index.js';
import { WorkQueue } from '../src/util/work-queue.js';
import type { PaperSource } from '../src/sources/source.js';
import type { Stores } from '../src/store/types.js';
import { sleep } from '../src/util/limit.js';
import { buildSources } from './sources.js';
import type { Coordination } from '../src/workers/coordination.js';
import { openCoordination, openStores } from './stores.js';

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
  /** Where adapters report reactions and replies (CoreServices.feedback). */
  feedback: FeedbackRecorder;
  /** The weekly "most discussed" posts, run by the scheduler. */
  recaps: RecapRunner;
  /** Buttons, autocomplete, forms and the Home tab (CoreServices.interactions). */
  interactions: Interactions;
  /** The bots' own user ids, once adapters know them: their reactions and replies never count. */
  botUserIds: Set<string>;
  /** The last 30 days of papers in memory, for preview and the similarity index; `sync()` after new papers arrive. */
  recent: RecentPapers;
  /** How this process agrees with the other workers on its database (one process alone on SQLite). */
  coordination: Coordination;
  close(): Promise<void>;
}

export interface CoreOptions {
  config: Config;
  logger: Logger;
  sample?: boolean;
  clock?: Clock;
  sources?: readonly PaperSource[];
  sleep?: (ms: number) => Promise<void>;
  /** Tests: coordination opened by the caller (faster lead polling, a cut-off connection); it is closed with the core. */
  coordination?: Coordination;
}

/**
 * The composition root of the platform-free core: one store (the engine the
 * configuration chose), one engine, one pipeline for every adapter.
 */
export async function createCore(opts: CoreOptions): Promise<Core> {
  const { config, logger } = opts;
  const clock = opts.clock ?? systemClock;
  const stores = await openStores(config.database, logger);
  let coordination: Coordination;
  try {
    coordination = opts.coordination ?? (await openCoordination(config.database, logger));
  } catch (err) {
    await stores.close();
    throw err;
  }
  // Compounds the stored papers write both ways ("tool-kit", "toolkit") join the curated ones; it follows the recent window below.
  const compounds = new CompoundLearner();
  const engine = createRuleEngine({ compounds: () => compounds.compounds() });
  const metrics = new Metrics({ processMetrics: true });
  const ports = new Map<Platform, ChatPort>();
  const sources = opts.sources ?? buildSources(config, { sample: opts.sample ?? false, clock, logger });
  const botUserIds = new Set<string>();
  const bots = (): string[] => [...botUserIds];
  const feedback = createFeedbackRecorder({ stores, logger, botUserIds: bots });
  // One term cache per process: each paper is tokenised once however many channels retrain on it.
  const learning = createChannelLearning({ stores, clock, logger, botUserIds: bots, cache: new TermCache() });
  const digest = createDigestService({
    stores,
    engine,
    sources,
    ports,
    clock,
    logger,
    metrics,
    owner: coordination.workerId,
    isGone: (owner) => coordination.isGone(owner),
    // Each source is fetched once per cadence across the workers: they wait for each other's fetch, then find it fresh.
    sourceLock: { run: (source, task) => coordination.exclusive(`source:${source}`, task) },
    leaseMs: 120_000,
    maxAttempts: 3,
    sleep: opts.sleep ?? sleep,
    settings: {
      maxPerDigest: config.PAPERS_MAX_PER_DIGEST,
      channelConcurrency: config.PAPERS_CHANNEL_CONCURRENCY,
      defaultTimezone: config.TZ,
      maxCatchUpDays: 7,
      fetchIntervalMs: config.PAPERS_FETCH_INTERVAL,
    },
    learning: { learning, recorder: feedback },
  });
  const recaps = createRecapRunner({
    stores,
    clock,
    logger,
    defaultTimezone: config.TZ,
    botUserIds: bots,
    deliver: (channelId) => digest.deliver(channelId),
    collect: async (channel) => {
      const port = ports.get(channel.platform);
      if (port) await collectChannelFeedback(channel, port, { stores, recorder: feedback, logger, now: clock.now() });
    },
    permalink: async (channel, post) => (await ports.get(channel.platform)?.permalink?.(channel, post)) ?? null,
  });
  // The recent window in memory, and the similarity index that follows it as papers come and go.
  const recent = new RecentPapers({ papers: stores.papers, clock, windowDays: SIMILAR_WINDOW_DAYS });
  const similar = similarOverRecent(recent);
  recent.listen(compounds);
  // One CPU-heavy job at a time (similar, preview, a form's live preview): a burst waits its turn (100 at most) instead of piling onto the event loop.
  const work = new WorkQueue(1, 100);
  const commands = createCommandHandler({
    stores,
    engine,
    digest: () => digest,
    clock,
    defaults: { scheduleTime: config.PAPERS_DIGEST_TIME, timezone: config.TZ, maxPerDigest: config.PAPERS_MAX_PER_DIGEST },
    similar,
    recent,
    limiter: new CommandRateLimiter(EXPENSIVE_LIMITS, () => clock.now().getTime()),
    work,
    rulesHelp: RULES_HELP,
    describeMatch,
    learning,
    logger,
  });
  const interactions = createInteractions({ stores, engine, clock, logger, commands, recent, work });
  return {
    config,
    stores,
    engine,
    commands,
    digest,
    metrics,
    clock,
    logger,
    ports,
    feedback,
    recaps,
    interactions,
    botUserIds,
    recent,
    coordination,
    close: async () => {
      metrics.close();
      await coordination.close();
      await stores.close();
    },
  };
}
