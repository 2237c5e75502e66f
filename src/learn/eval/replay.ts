// biome-ignore-all lint/style/noNonNullAssertion: the replay never reads past the generated stream's end (state.next < stream.length)
import { DEFAULT_EMOJI, labelsFromEvents, type FeedbackEvent } from '../feedback.js';
import { learnedOrder } from '../blend.js';
import { trainChannelModel, type ChannelModel, type TrainOptions } from '../model.js';
import type { Paper } from '../../papers/paper.js';
import type { DayBatch, EvalItem } from './generator.js';
import { sameRuleRank } from '../rule-tie.js';
import { createRng } from './prng.js';
import { BOT_USER, respond, type TeamOptions } from './team.js';
import { compareChannelMatches } from '../../rules/rank.js';

export interface ReplayOptions extends TeamOptions {
  seed: number;
  /** Papers per digest. */
  limit: number;
  exploreSlot: boolean;
  /** The team stops reacting once this many papers carry an explicit label. */
  labelBudget?: number;
  /** Stop before the first day that starts with at least this many labels. */
  stopAtLabels?: number;
  train?: TrainOptions;
  /** Order by rules alone (the channel has learning off); default true. */
  learn?: boolean;
  maxModelWeight?: number;
  weakNegativeWeight?: number;
}

export interface ReplayDay {
  day: string;
  /** Explicit labels known when this day's digest was ordered. */
  labelsBefore: number;
  shown: EvalItem[];
  explored: EvalItem | null;
}

export interface ReplayState {
  days: ReplayDay[];
  events: FeedbackEvent[];
  posted: string[];
  papers: Map<string, Paper>;
  /** Index of the first day not replayed. */
  next: number;
}

const CHANNEL = 1;

/** Train on everything the channel said so far, the way the pipeline would before a digest. */
export function channelModel(
  state: Pick<ReplayState, 'events' | 'posted' | 'papers'>,
  corpus: readonly Paper[],
  train?: TrainOptions,
  weakNegativeWeight?: number,
): ChannelModel {
  const labels = labelsFromEvents(state.events, state.posted, DEFAULT_EMOJI, {
    ignoreUsers: [BOT_USER],
    ...(weakNegativeWeight === undefined ? {} : { weakNegativeWeight }),
  });
  const labeled = labels.flatMap((label) => {
    const paper = state.papers.get(label.paperId);
    return paper ? [{ paper, label }] : [];
  });
  return trainChannelModel(labeled, { ...train, corpus });
}

/**
 * Day by day: order the day's matches with a model trained only on earlier
 * feedback, post the first `limit`, let the simulated team react.
 */
export function replay(stream: readonly DayBatch[], opts: ReplayOptions): ReplayState {
  const rng = createRng(opts.seed ^ 0x5eed);
  const state: ReplayState = { days: [], events: [], posted: [], papers: new Map(), next: 0 };
  let labels = 0;
  for (; state.next < stream.length; state.next++) {
    if (opts.stopAtLabels !== undefined && labels >= opts.stopAtLabels) break;
    const batch = stream[state.next]!;
    const ruleOrdered = [...batch.items].sort(compareChannelMatches);
    const learn = opts.learn ?? true;
    const model = learn
      ? channelModel(
          state,
          batch.items.map((i) => i.paper),
          opts.train,
          opts.weakNegativeWeight,
        )
      : null;
    const r = learnedOrder(ruleOrdered, model, {
      learn,
      threshold: null,
      exploreSlot: opts.exploreSlot,
      limit: opts.limit,
      ruleTie: sameRuleRank,
      maxModelWeight: opts.maxModelWeight,
    });
    const shown = r.ordered.slice(0, opts.limit);
    state.days.push({ day: batch.day, labelsBefore: labels, shown, explored: r.explored });
    shown.forEach((item, i) => {
      state.papers.set(item.paper.id, item.paper);
      state.posted.push(item.paper.id);
      if (opts.labelBudget !== undefined && labels >= opts.labelBudget) return;
      const at = new Date(Date.parse(`${batch.day}T09:00:00Z`) + i * 600_000);
      if (respond(rng, item, CHANNEL, at, opts, state.events)) labels += 1;
    });
  }
  return state;
}
