import { polarityOf, type EmojiConfig } from './emoji.js';

export { DEFAULT_EMOJI, canonicalEmoji, emojiPolarity, type EmojiConfig } from './emoji.js';

export type FeedbackKind = 'reaction' | 'reply';

/**
 * One thing a person did to a posted paper. `eventKey` is the platform's
 * identity for it and is unique: a reaction's removal either reuses the
 * reaction's key (the store upserts it with `removed: true`) or arrives as its
 * own event; both are read the same way. A reply's deletion reuses the reply's
 * key (its message identity).
 */
export interface FeedbackEvent {
  eventKey: string;
  channelId: number;
  paperId: string;
  userId: string;
  kind: FeedbackKind;
  /** Slack name ("+1") or Discord unicode ("👍"); null for replies. */
  emoji: string | null;
  removed: boolean;
  /** ISO 8601. */
  at: string;
}

export type LabelKind = 'positive' | 'negative' | 'weak-negative';

/** What a channel's feedback says about one paper. */
export interface ChannelLabel {
  paperId: string;
  label: 0 | 1;
  /** How much this example counts in training (> 0). */
  weight: number;
  kind: LabelKind;
  /** People whose live vote on the paper is positive / negative / a reply only. */
  up: number;
  down: number;
  replies: number;
}

export interface LabelOptions {
  /** The bot's own user ids (and any other to ignore): their reactions and messages never count. */
  ignoreUsers?: readonly string[];
  /** A human reply without a reaction is a mild positive (default 0.5). */
  replyWeight?: number;
  /** A posted paper nobody engaged with is a weak negative (default 0.1). */
  weakNegativeWeight?: number;
}

const MAX_WEIGHT = 2;

function latestPerKey(events: readonly FeedbackEvent[], ignore: ReadonlySet<string>): FeedbackEvent[] {
  const byKey = new Map<string, FeedbackEvent>();
  for (const e of events) {
    if (ignore.has(e.userId)) continue;
    const prev = byKey.get(e.eventKey);
    if (!prev || e.at >= prev.at) byKey.set(e.eventKey, e);
  }
  // Stable by time so "the last word" below is the latest one.
  return [...byKey.values()].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

interface UserState {
  reactions: Map<string, boolean>; // emoji → live?
  replies: Map<string, boolean>; // reply key → live?
}

/**
 * Per paper, one vote per person: a live positive reaction is +1, a live
 * negative one -1 (both at once cancel), a reply alone is a mild +. Papers
 * posted to the channel that nobody engaged with are weak negatives, as in
 * arxiv-sanity where every unrated paper is a negative.
 */
export function labelsFromEvents(events: readonly FeedbackEvent[], posted: readonly string[], emoji: EmojiConfig, opts: LabelOptions = {}): ChannelLabel[] {
  const replyWeight = opts.replyWeight ?? 0.5;
  const weakWeight = opts.weakNegativeWeight ?? 0.1;
  const perPaper = new Map<string, Map<string, UserState>>();
  const polarity = polarityOf(emoji);
  for (const e of latestPerKey(events, new Set(opts.ignoreUsers ?? []))) {
    const users = perPaper.get(e.paperId) ?? new Map<string, UserState>();
    perPaper.set(e.paperId, users);
    const st = users.get(e.userId) ?? { reactions: new Map(), replies: new Map() };
    users.set(e.userId, st);
    if (e.kind === 'reply') st.replies.set(e.eventKey, !e.removed);
    else if (e.emoji !== null) {
      const pol = polarity(e.emoji);
      if (pol !== 0) st.reactions.set(`${pol}`, !e.removed);
    }
  }

  const postedSet = new Set(posted);
  const order = [...new Set([...posted, ...perPaper.keys()])];
  const out: ChannelLabel[] = [];
  for (const paperId of order) {
    let up = 0;
    let down = 0;
    let replies = 0;
    for (const st of perPaper.get(paperId)?.values() ?? []) {
      const plus = st.reactions.get('1') === true;
      const minus = st.reactions.get('-1') === true;
      if (plus && !minus) up += 1;
      else if (minus && !plus) down += 1;
      else if (!plus && !minus && [...st.replies.values()].some(Boolean)) replies += 1;
    }
    const score = up - down + replyWeight * replies;
    if (score > 0) out.push({ paperId, label: 1, weight: Math.min(MAX_WEIGHT, score), kind: 'positive', up, down, replies });
    else if (score < 0) out.push({ paperId, label: 0, weight: Math.min(MAX_WEIGHT, -score), kind: 'negative', up, down, replies });
    else if (up + down + replies === 0 && weakWeight > 0 && postedSet.has(paperId)) {
      out.push({ paperId, label: 0, weight: weakWeight, kind: 'weak-negative', up, down, replies });
    }
    // Engaged but evenly split: no label; the team disagrees, so there is nothing to learn.
  }
  return out;
}
