import { learnedOrder } from '../blend.js';
import type { TrainOptions } from '../model.js';
import { compareChannelMatches } from '../../rules/rank.js';
import { loadBackgroundSentences } from './background.js';
import { generateStream, type EvalItem } from './generator.js';
import { sameRuleRank } from '../rule-tie.js';
import { aucOfOrder, ndcgAt, precisionAt } from './metrics.js';
import { channelModel, replay } from './replay.js';
import type { TeamOptions } from './team.js';

export interface OrderMetrics {
  p5: number;
  ndcg5: number;
  auc: number;
}

export interface Checkpoint {
  seed: number;
  labels: number;
  /** Days of digests it took the team to give that many labels. */
  days: number;
  learned: OrderMetrics;
  rule: OrderMetrics;
  /** The model's probability alone, no rules: what the blend could reach. */
  model: OrderMetrics;
}

export interface EvalOptions extends TeamOptions {
  seeds: readonly number[];
  budgets: readonly number[];
  perDay?: number;
  limit?: number;
  /** Fresh days each checkpoint is scored on, never reacted to. */
  evalDays?: number;
  train?: TrainOptions;
  maxModelWeight?: number;
  weakNegativeWeight?: number;
  background?: readonly string[];
}

function metricsOf(order: readonly EvalItem[]): OrderMetrics {
  const rel = order.map((i) => i.liked);
  return { p5: precisionAt(5, rel), ndcg5: ndcgAt(5, rel), auc: aucOfOrder(rel) };
}

function mean(ms: readonly OrderMetrics[]): OrderMetrics {
  const n = ms.length || 1;
  return {
    p5: ms.reduce((s, m) => s + m.p5, 0) / n,
    ndcg5: ms.reduce((s, m) => s + m.ndcg5, 0) / n,
    auc: ms.reduce((s, m) => s + m.auc, 0) / n,
  };
}

/**
 * For each seed and label budget: replay digests until the team has given
 * that many labels, train on that feedback only, then score the learned and
 * the rule-only order on the following fresh days.
 */
export function evaluateCheckpoints(opts: EvalOptions): Checkpoint[] {
  const background = opts.background ?? loadBackgroundSentences();
  const perDay = opts.perDay ?? 25;
  const limit = opts.limit ?? 10;
  const evalDays = opts.evalDays ?? 5;
  const maxDays = 60;
  const out: Checkpoint[] = [];
  for (const seed of opts.seeds) {
    const { days } = generateStream({ seed, days: maxDays + evalDays, perDay, background });
    for (const budget of opts.budgets) {
      const state = replay(days, { ...opts, seed, limit, exploreSlot: true, labelBudget: budget, stopAtLabels: budget });
      const fresh = days.slice(state.next, state.next + evalDays);
      const learned: OrderMetrics[] = [];
      const rule: OrderMetrics[] = [];
      const modelOnly: OrderMetrics[] = [];
      for (const batch of fresh) {
        const ruleOrdered = [...batch.items].sort(compareChannelMatches);
        const model = channelModel(
          state,
          batch.items.map((i) => i.paper),
          opts.train,
          opts.weakNegativeWeight,
        );
        const r = learnedOrder(ruleOrdered, model, {
          learn: true,
          threshold: null,
          exploreSlot: false,
          limit,
          ruleTie: sameRuleRank,
          maxModelWeight: opts.maxModelWeight,
        });
        modelOnly.push(metricsOf([...batch.items].sort((a, b) => model.probability(b.paper) - model.probability(a.paper))));
        learned.push(metricsOf(r.ordered));
        rule.push(metricsOf(ruleOrdered));
      }
      out.push({ seed, labels: budget, days: state.next, learned: mean(learned), rule: mean(rule), model: mean(modelOnly) });
    }
  }
  return out;
}

export function summarize(cps: readonly Checkpoint[], labels: number): { learned: OrderMetrics; rule: OrderMetrics; model: OrderMetrics } {
  const at = cps.filter((c) => c.labels === labels);
  return { learned: mean(at.map((c) => c.learned)), rule: mean(at.map((c) => c.rule)), model: mean(at.map((c) => c.model)) };
}
