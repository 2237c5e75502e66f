import type { FeedbackEvent } from '../feedback.js';
import type { EvalItem } from './generator.js';
import type { Rng } from './prng.js';

export interface TeamOptions {
  /** Chance someone reacts to a posted paper at all (default 0.6). */
  reactRate?: number;
  /** Chance a reaction says the opposite of the hidden preference (default 0.1). */
  noise?: number;
  /** Chance a positive response is a reply rather than a reaction (default 0.1). */
  replyRate?: number;
}

export const BOT_USER = 'U_BOT';
const MEMBERS = ['U_ADA', 'U_BOB', 'U_CHEN', 'U_DANA'];
// Both spellings, as the two platforms send them.
const UP = ['+1', '👍', 'star', '⭐️', 'bookmark', '👍🏽'];
const DOWN = ['-1', '👎', 'thumbsdown'];

/**
 * How a team answers one posted paper, as raw platform events: mostly one
 * reaction from one person, sometimes a second person agreeing, a slip that
 * is taken back, a reply, and the bot's own reaction (which must not count).
 * Returns whether the paper got an explicit label.
 */
export function respond(rng: Rng, item: EvalItem, channelId: number, at: Date, opts: TeamOptions, out: FeedbackEvent[]): boolean {
  const id = item.paper.id;
  let t = at.getTime();
  const stamp = (): string => {
    t += 1000;
    return new Date(t).toISOString();
  };
  const ev = (key: string, userId: string, kind: FeedbackEvent['kind'], emoji: string | null, removed = false): FeedbackEvent => ({
    eventKey: key,
    channelId,
    paperId: id,
    userId,
    kind,
    emoji,
    removed,
    at: stamp(),
  });
  if (rng.chance(0.3)) out.push(ev(`${id}:${BOT_USER}:eyes`, BOT_USER, 'reaction', '+1'));
  if (!rng.chance(opts.reactRate ?? 0.6)) return false;
  const likes = item.liked !== rng.chance(opts.noise ?? 0.1);
  const user = rng.pick(MEMBERS);
  if (likes && rng.chance(opts.replyRate ?? 0.1)) {
    out.push(ev(`${id}:${user}:reply:${t}`, user, 'reply', null));
    return true;
  }
  const emoji = rng.pick(likes ? UP : DOWN);
  if (rng.chance(0.05)) {
    // A slip on the wrong button, taken back: same reaction identity, upserted as removed.
    const wrong = rng.pick(likes ? DOWN : UP);
    out.push(ev(`${id}:${user}:${wrong}`, user, 'reaction', wrong));
    out.push(ev(`${id}:${user}:${wrong}`, user, 'reaction', wrong, true));
  }
  out.push(ev(`${id}:${user}:${emoji}`, user, 'reaction', emoji));
  if (rng.chance(0.1)) {
    const other = rng.pick(MEMBERS.filter((m) => m !== user));
    out.push(ev(`${id}:${other}:${emoji}`, other, 'reaction', emoji));
  }
  return true;
}
