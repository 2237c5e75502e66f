import type { Clock } from '../clock.js';
import { learnedOrder, type BlendResult } from '../learn/blend.js';
import { DEFAULT_EMOJI, type EmojiConfig } from '../learn/emoji.js';
import { labelsFromEvents, type ChannelLabel } from '../learn/feedback.js';
import { trainChannelModel, type ChannelModel, type LabeledPaper } from '../learn/model.js';
import { sameRuleRank } from '../learn/rule-tie.js';
import { TermCache } from '../learn/terms.js';
import type { Logger } from '../log.js';
import type { Paper } from '../papers/paper.js';
import type { ChannelMatch } from '../rules/rank.js';
import type { ChannelSettings, Stores } from '../store/types.js';
import { DAY_MS } from '../util/days.js';
import { currentBotIds, type BotUserIds } from './bots.js';

export interface LearningOptions {
  stores: Stores;
  clock: Clock;
  logger?: Logger;
  /** The bot's own user ids, never counted. A function when adapters learn them at start-up. */
  botUserIds?: BotUserIds;
  /** Feedback and posts older than this are forgotten (default 180 days). */
  historyDays?: number;
  /** A post younger than this that nobody touched is not yet a weak negative: people have not seen it (default 1 day). */
  graceMs?: number;
  /** Shared by every channel so each paper is tokenised once per process. */
  cache?: TermCache;
}

export interface TrainedChannel {
  model: ChannelModel;
  labels: ChannelLabel[];
  trainMs: number;
}

export interface LearnedRanking extends BlendResult<ChannelMatch> {
  /** Null when learning is off or the channel has no feedback yet. */
  trained: TrainedChannel | null;
}

export interface ChannelLearning {
  /** The channel's model from its stored feedback, over `corpus` (e.g. today's candidates); null with no feedback. */
  train(channelId: number, settings: ChannelSettings, corpus: readonly Paper[]): Promise<TrainedChannel | null>;
  /** The digest order of rule-ranked matches: exactly the rule order until the model is ready. */
  order(channelId: number, ranked: readonly ChannelMatch[], limit: number): Promise<LearnedRanking>;
}

export function emojiOf(settings: ChannelSettings): EmojiConfig {
  return { positive: settings.positiveEmoji ?? DEFAULT_EMOJI.positive, negative: settings.negativeEmoji ?? DEFAULT_EMOJI.negative };
}

/** Per-channel learning over the stores: retrained from scratch before each digest; nothing is persisted. */
export function createChannelLearning(opts: LearningOptions): ChannelLearning {
  const { stores, clock } = opts;
  const cache = opts.cache ?? new TermCache();
  const historyMs = (opts.historyDays ?? 180) * DAY_MS;
  const graceMs = opts.graceMs ?? DAY_MS;

  async function train(channelId: number, settings: ChannelSettings, corpus: readonly Paper[]): Promise<TrainedChannel | null> {
    const now = clock.now().getTime();
    const since = new Date(now - historyMs).toISOString();
    const events = await stores.feedback.forChannel(channelId, { since });
    if (!events.length) return null;
    const started = performance.now();
    const graceEnd = new Date(now - graceMs).toISOString();
    const posted = (await stores.threads.postedIn(channelId, { since })).filter((p) => p.createdAt <= graceEnd).map((p) => p.paperId);
    const labels = labelsFromEvents(events, posted, emojiOf(settings), { ignoreUsers: currentBotIds(opts.botUserIds) });
    const labeled: LabeledPaper[] = [];
    for (const label of labels) {
      const paper = await stores.papers.get(label.paperId);
      if (paper) labeled.push({ paper, label });
    }
    const model = trainChannelModel(labeled, { corpus, cache });
    const trainMs = performance.now() - started;
    opts.logger?.debug(
      { channel: channelId, labels: labeled.length, ready: model.ready, evidence: model.evidence, trainMs: Math.round(trainMs) },
      'channel model trained',
    );
    return { model, labels, trainMs };
  }

  return {
    train,
    async order(channelId, ranked, limit) {
      const settings = await stores.settings.get(channelId);
      const unchanged: LearnedRanking = { ordered: [...ranked], dropped: [], explored: null, trained: null };
      if (!settings.learn || ranked.length === 0) return unchanged;
      const trained = await train(
        channelId,
        settings,
        ranked.map((m) => m.paper),
      );
      if (!trained) return unchanged;
      const blend = learnedOrder(ranked, trained.model, { learn: true, threshold: settings.threshold, exploreSlot: true, limit, ruleTie: sameRuleRank });
      return { ...blend, trained };
    },
  };
}
