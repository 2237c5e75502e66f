import type { OutboundMessage } from '../chat/port.js';
import type { ChannelMatch } from '../rules/rank.js';
import type { Channel, DigestPlan, PlannedDelivery, Rule } from '../store/types.js';
import { deliveryKey } from './keys.js';
import { paperView } from './paper-view.js';

export interface PlanInput {
  channel: Channel;
  rules: readonly Rule[];
  /** Ranked best first, already without papers the channel was offered before. */
  ranked: readonly ChannelMatch[];
  maxPerDigest: number;
  digestId: string;
  now: Date;
  coveredUntil: string;
  defaultTimezone: string;
}

export function matchedRuleTexts(m: ChannelMatch, rules: readonly Rule[]): string[] {
  const ids = new Set(m.matches.map((x) => x.ruleId));
  return rules.filter((r) => ids.has(String(r.id))).map((r) => r.text);
}

/**
 * Turn a channel's ranked matches into deliveries: a header, the best
 * `maxPerDigest` papers, and one "and N more" line; the rest are held for
 * `/papers more`. Nothing at all when nothing matched: an empty day posts nothing.
 */
export function planChannelDigest(input: PlanInput): DigestPlan {
  const { channel, ranked, digestId } = input;
  const deliveries: PlannedDelivery[] = [];
  if (ranked.length > 0) {
    const shown = ranked.slice(0, input.maxPerDigest);
    const usedRules = new Set(shown.flatMap((m) => matchedRuleTexts(m, input.rules)));
    const header: OutboundMessage = {
      kind: 'header',
      count: ranked.length,
      rules: input.rules.map((r) => r.text).filter((t) => usedRules.has(t)),
      date: input.now.toISOString(),
      timezone: channel.timezone ?? input.defaultTimezone,
    };
    deliveries.push({ kind: 'header', paperId: null, idempotencyKey: deliveryKey(channel.id, 'header', digestId), message: header, status: 'planned' });
    ranked.forEach((m, i) => {
      deliveries.push({
        kind: 'paper',
        paperId: m.paper.id,
        idempotencyKey: deliveryKey(channel.id, 'paper', m.paper.id),
        message: { kind: 'paper', paper: paperView(m.paper, matchedRuleTexts(m, input.rules)) },
        status: i < input.maxPerDigest ? 'planned' : 'held',
      });
    });
    const held = ranked.length - shown.length;
    if (held > 0) deliveries.push(moreLine(channel.id, digestId, held));
  }
  return { channelId: channel.id, digestId, plannedAt: input.now.toISOString(), coveredUntil: input.coveredUntil, deliveries };
}

export function moreLine(channelId: number, digestId: string, remaining: number): PlannedDelivery {
  return { kind: 'more', paperId: null, idempotencyKey: deliveryKey(channelId, 'more', digestId), message: { kind: 'more', remaining }, status: 'planned' };
}
