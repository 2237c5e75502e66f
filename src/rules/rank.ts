import type { Paper } from '../papers/paper.js';
import type { RuleMatch } from './engine.js';

export interface ChannelMatch {
  paper: Paper;
  matches: RuleMatch[];
}

/**
 * Order of a channel's matches: papers hit in the title first, then those
 * matching more distinct rules, then by summed rule score, then HF upvotes,
 * then id for a stable order.
 */
export function compareChannelMatches(a: ChannelMatch, b: ChannelMatch): number {
  const ta = a.matches.some((m) => m.titleHit) ? 1 : 0;
  const tb = b.matches.some((m) => m.titleHit) ? 1 : 0;
  if (ta !== tb) return tb - ta;
  if (a.matches.length !== b.matches.length) return b.matches.length - a.matches.length;
  const sa = a.matches.reduce((s, m) => s + m.score, 0);
  const sb = b.matches.reduce((s, m) => s + m.score, 0);
  if (sa !== sb) return sb - sa;
  const ua = a.paper.upvotes ?? 0;
  const ub = b.paper.upvotes ?? 0;
  if (ua !== ub) return ub - ua;
  return a.paper.id < b.paper.id ? -1 : a.paper.id > b.paper.id ? 1 : 0;
}

export function rankChannelMatches(list: readonly ChannelMatch[]): ChannelMatch[] {
  return [...list].sort(compareChannelMatches);
}
