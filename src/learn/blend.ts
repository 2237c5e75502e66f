// biome-ignore-all lint/style/noNonNullAssertion: ranks and positions index arrays of the same length built just above them
import type { Paper } from '../papers/paper.js';
import type { ChannelModel } from './model.js';

export interface BlendOptions<T> {
  /** The channel's `/papers learn on|off`. */
  learn: boolean;
  /** `/papers threshold`: drop papers whose probability is below it; null keeps all. */
  threshold: number | null;
  /** Give the last shown slot to the paper the model is least sure about. */
  exploreSlot: boolean;
  /** Papers shown in the digest (the rest are held). */
  limit: number;
  /** Share of the order the model has at full evidence (default 0.8); rules keep the rest. */
  maxModelWeight?: number;
  /**
   * True when the rules rank two neighbours equally and only a tie-break
   * (e.g. the id) put one first; such runs share one rule score, so the model
   * alone decides between them. Default: every position is its own score.
   */
  ruleTie?: (a: T, b: T) => boolean;
}

export interface BlendResult<T> {
  /** Every kept item, best first; the digest shows the first `limit`. */
  ordered: T[];
  /** Items under the threshold, in rule order. */
  dropped: T[];
  /** The item moved into the last shown slot to learn from, if any. */
  explored: T | null;
}

/** 1 for the first position falling to 0 for the last; tied runs get their mean. */
export function ruleScores<T>(ruleOrdered: readonly T[], tie?: (a: T, b: T) => boolean): number[] {
  const n = ruleOrdered.length;
  const out = ruleOrdered.map((_, i) => (n > 1 ? 1 - i / (n - 1) : 1));
  if (!tie) return out;
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && tie(ruleOrdered[end - 1]!, ruleOrdered[end]!)) end++;
    const mean = out.slice(start, end).reduce((s, x) => s + x, 0) / (end - start);
    out.fill(mean, start, end);
    start = end;
  }
  return out;
}

/**
 * The model's side on the same scale as the rules': its rank among today's
 * papers (1 best, 0 worst, ties share). A regularised model trained on a few
 * dozen labels squeezes its probabilities toward the prior, so their raw
 * spread says more about the penalty than about the channel; how much to trust
 * the model is the evidence weight's job.
 */
export function rankScores(values: readonly number[]): number[] {
  const n = values.length;
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => b.v - a.v);
  const out = new Array<number>(n).fill(1);
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && order[end]!.v === order[start]!.v) end++;
    const mean = n > 1 ? 1 - (start + end - 1) / 2 / (n - 1) : 1;
    for (let k = start; k < end; k++) out[order[k]!.i] = mean;
    start = end;
  }
  return out;
}

interface Scored<T> {
  item: T;
  rank: number;
  p: number;
  score: number;
}

/**
 * The digest order. Rules stay the gate and the base: the rule order gives a
 * score falling linearly from 1 (first) to 0 (last), the model's probability
 * order another, and the two are mixed with a model weight that grows with the
 * channel's evidence. A model that is off, missing or not ready leaves the rule order
 * exactly as it was.
 */
export function learnedOrder<T extends { paper: Paper }>(ruleOrdered: readonly T[], model: ChannelModel | null, opts: BlendOptions<T>): BlendResult<T> {
  if (!opts.learn || model === null || !model.ready) return { ordered: [...ruleOrdered], dropped: [], explored: null };
  const alpha = (opts.maxModelWeight ?? 0.8) * model.evidence;
  const rules = ruleScores(ruleOrdered, opts.ruleTie);
  const ps = ruleOrdered.map((item) => model.probability(item.paper));
  const learned = rankScores(ps);
  const scored: Scored<T>[] = ruleOrdered.map((item, rank) => ({
    item,
    rank,
    p: ps[rank]!,
    score: (1 - alpha) * rules[rank]! + alpha * learned[rank]!,
  }));

  const threshold = opts.threshold;
  const dropped = threshold === null ? [] : scored.filter((s) => s.p < threshold);
  const kept = threshold === null ? scored : scored.filter((s) => s.p >= threshold);
  kept.sort((a, b) => b.score - a.score || a.rank - b.rank);

  let explored: T | null = null;
  const slot = opts.limit - 1;
  if (opts.exploreSlot && slot >= 1 && kept.length > opts.limit) {
    // Only papers that would not be shown compete, so exploring never pushes out more than the last one.
    let best = slot;
    for (let i = slot; i < kept.length; i++) {
      const u = Math.abs(kept[i]!.p - 0.5);
      const bu = Math.abs(kept[best]!.p - 0.5);
      if (u < bu || (u === bu && kept[i]!.rank < kept[best]!.rank)) best = i;
    }
    if (best > slot) {
      const [moved] = kept.splice(best, 1);
      kept.splice(slot, 0, moved!);
      explored = moved!.item;
    }
  }
  return { ordered: kept.map((s) => s.item), dropped: dropped.map((s) => s.item), explored };
}
