import type { ChannelMatch } from '../rules/rank.js';

/**
 * Whether the rule order ranks two matches equally: everything
 * compareChannelMatches looks at except the final id tie-break. Pass it as
 * `ruleTie` to learnedOrder so papers the rules cannot separate are separated
 * by the model, not by their ids.
 */
export function sameRuleRank(a: ChannelMatch, b: ChannelMatch): boolean {
  const sum = (m: ChannelMatch): number => m.matches.reduce((s, x) => s + x.score, 0);
  return (
    a.matches.some((m) => m.titleHit) === b.matches.some((m) => m.titleHit) &&
    a.matches.length === b.matches.length &&
    sum(a) === sum(b) &&
    (a.paper.upvotes ?? 0) === (b.paper.upvotes ?? 0)
  );
}
