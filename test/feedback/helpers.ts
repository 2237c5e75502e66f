import type { Platform } from '../../src/chat/port.js';
import { fixedClock } from '../../src/clock.js';
import type { DigestPipeline } from '../../src/digest/pipeline.js';
import { createChannelLearning, type ChannelLearning, type LearnedRanking } from '../../src/feedback/learning.js';
import { createFeedbackRecorder, type FeedbackRecorder } from '../../src/feedback/recorder.js';
import { openSqliteStores } from '../../src/store/sqlite/index.js';
import type { Channel, Stores } from '../../src/store/types.js';
import { FakeSource } from '../support/fake-source.js';
import { channelWithRules, testDigestService } from '../support/pipeline.js';
import { RecordingPort } from '../support/recording-port.js';

export const BOT = 'U_BOT';

export interface LearningHarness {
  stores: Stores;
  source: FakeSource;
  port: RecordingPort;
  clock: ReturnType<typeof fixedClock>;
  digest: DigestPipeline;
  recorder: FeedbackRecorder;
  /** Every learned ordering the pipeline asked for, with its training time. */
  rankings: LearnedRanking[];
  channel(channelId: string, rules: string[]): Promise<Channel>;
}

/** The real pipeline on an in-memory database, with learning wired in as app/core.ts does (or not, with `learn: false`). */
export function learningHarness(opts: { learn?: boolean; platform?: Platform; now?: string; port?: RecordingPort } = {}): LearningHarness {
  const stores = openSqliteStores(':memory:');
  const source = new FakeSource('hf');
  const port = opts.port ?? new RecordingPort(opts.platform ?? 'slack');
  const clock = fixedClock(opts.now ?? '2026-01-01T08:00:00.000Z');
  const recorder = createFeedbackRecorder({ stores, botUserIds: [BOT] });
  const inner = createChannelLearning({ stores, clock, botUserIds: [BOT] });
  const rankings: LearnedRanking[] = [];
  const learning: ChannelLearning = {
    train: inner.train,
    async order(channelId, ranked, limit) {
      const r = await inner.order(channelId, ranked, limit);
      rankings.push(r);
      return r;
    },
  };
  const digest = testDigestService({
    stores,
    sources: [source],
    ports: new Map([[port.platform, port]]),
    clock,
    ...(opts.learn === false ? {} : { learning: { learning, recorder } }),
  });
  return {
    stores,
    source,
    port,
    clock,
    digest,
    recorder,
    rankings,
    channel: (channelId, rules) => channelWithRules(stores, clock, { platform: port.platform, workspaceId: 'W1', channelId }, rules, 'U_ADA'),
  };
}
