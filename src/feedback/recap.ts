import type { Line } from '../chat/reply.js';
import { polarityOf, type EmojiConfig } from '../learn/emoji.js';
import type { FeedbackEvent } from '../learn/feedback.js';
import { plural } from '../util/plural.js';

export interface PaperDiscussion {
  paperId: string;
  /** Distinct people who replied in the thread. */
  repliers: number;
  replies: number;
  /** Live positive reactions. */
  positive: number;
  score: number;
}

export const RECAP_SIZE = 5;

/**
 * How much each paper was discussed in a set of events: distinct repliers
 * count most (a conversation), then replies, then positive reactions. Removed
 * events and the bot's own are left out; papers nobody touched are absent.
 */
export function discussionScores(events: readonly FeedbackEvent[], emoji: EmojiConfig, ignoreUsers: readonly string[]): PaperDiscussion[] {
  const ignore = new Set(ignoreUsers);
  const polarity = polarityOf(emoji);
  const byPaper = new Map<string, { repliers: Set<string>; replies: number; positive: number }>();
  for (const e of events) {
    if (e.removed || ignore.has(e.userId)) continue;
    const isReply = e.kind === 'reply';
    const isPositive = e.kind === 'reaction' && e.emoji !== null && polarity(e.emoji) === 1;
    if (!isReply && !isPositive) continue;
    const d = byPaper.get(e.paperId) ?? { repliers: new Set<string>(), replies: 0, positive: 0 };
    byPaper.set(e.paperId, d);
    if (isReply) {
      d.repliers.add(e.userId);
      d.replies += 1;
    } else d.positive += 1;
  }
  return [...byPaper.entries()]
    .map(([paperId, d]) => ({
      paperId,
      repliers: d.repliers.size,
      replies: d.replies,
      positive: d.positive,
      score: 3 * d.repliers.size + d.replies + d.positive,
    }))
    .filter((d) => d.score > 0)
    .sort((a, b) => b.score - a.score || b.repliers - a.repliers || (a.paperId < b.paperId ? -1 : 1));
}

export interface RecapEntry {
  discussion: PaperDiscussion;
  title: string;
  /** The thread's link, or the paper's page where the platform has no thread URL. */
  url: string;
}

/** The recap as notice lines: one line per paper, its title linking to its thread. */
export function recapLines(entries: readonly RecapEntry[]): Line[] {
  const lines: Line[] = [[{ bold: 'Most discussed here this week' }]];
  entries.forEach((e, i) => {
    const d = e.discussion;
    const parts: string[] = [];
    if (d.replies > 0) parts.push(`${plural(d.repliers, 'person', 'people')} replied (${plural(d.replies, 'reply', 'replies')})`);
    if (d.positive > 0) parts.push(plural(d.positive, 'positive reaction'));
    lines.push([`${i + 1}. `, { link: { url: e.url, text: e.title } }, ` — ${parts.join(', ')}`]);
  });
  return lines;
}
