import type { FeedbackEvent } from '../learn/feedback.js';
import { VOTE_EMOJI } from '../learn/emoji.js';
import type { FeedbackStore } from '../store/types.js';
import { KeyedMutex } from '../util/keyed-mutex.js';

export type Vote = keyof typeof VOTE_EMOJI;
export type VoteOutcome = 'added' | 'withdrawn' | 'switched';

const OTHER: Record<Vote, Vote> = { relevant: 'not-for-us', 'not-for-us': 'relevant' };
const PREFIX = 'vote:';

/** One key per person, paper and button, so a press again flips the same row, as a reaction removed does. */
export function voteKey(channelId: number, paperId: string, userId: string, vote: Vote): string {
  return `${PREFIX}${channelId}:${paperId}:${userId}:${vote}`;
}

/** Button votes live only here, not on the platform: a snapshot of reactions says nothing about them. */
export function isVoteKey(eventKey: string): boolean {
  return eventKey.startsWith(PREFIX);
}

export interface VoteInput {
  channelId: number;
  paperId: string;
  userId: string;
  vote: Vote;
  at: string;
}

/**
 * The Relevant / Not for us buttons as feedback, stored as the reactions 👍 /
 * 👎 are: one vote per person per paper; pressing the same button again
 * withdraws it, pressing the other replaces it. Presses of one person on one
 * paper are taken one at a time, so a double click cannot leave both live.
 */
export function createVoting(feedback: FeedbackStore): (input: VoteInput) => Promise<VoteOutcome> {
  const mutex = new KeyedMutex();
  return (input) =>
    mutex.run(`${input.channelId}:${input.paperId}:${input.userId}`, async () => {
      const mine = voteKey(input.channelId, input.paperId, input.userId, input.vote);
      const theirs = voteKey(input.channelId, input.paperId, input.userId, OTHER[input.vote]);
      const live = await liveKeys(feedback, input.channelId, [mine, theirs]);
      const event = (vote: Vote, key: string, removed: boolean): FeedbackEvent => ({
        eventKey: key,
        channelId: input.channelId,
        paperId: input.paperId,
        userId: input.userId,
        kind: 'reaction',
        emoji: VOTE_EMOJI[vote],
        removed,
        at: input.at,
      });
      if (live.has(mine)) {
        await feedback.record(event(input.vote, mine, true));
        return 'withdrawn';
      }
      if (live.has(theirs)) await feedback.record(event(OTHER[input.vote], theirs, true));
      await feedback.record(event(input.vote, mine, false));
      return live.has(theirs) ? 'switched' : 'added';
    });
}

async function liveKeys(feedback: FeedbackStore, channelId: number, keys: readonly string[]): Promise<Set<string>> {
  const wanted = new Set(keys);
  const live = new Set<string>();
  for (const e of await feedback.forChannel(channelId)) {
    if (!wanted.has(e.eventKey)) continue;
    if (e.removed) live.delete(e.eventKey);
    else live.add(e.eventKey);
  }
  return live;
}
