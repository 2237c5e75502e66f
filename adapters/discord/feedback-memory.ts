import type { FeedbackInput } from '../../src/chat/adapter.js';

/** Messages remembered; the oldest touched is forgotten first. A day of a busy server's paper posts fits easily. */
const MAX_MESSAGES = 5000;

/**
 * What this process has reported as live, by message, so the gateway events
 * that name no user can still be undone: REMOVE_ALL and REMOVE_EMOJI (a
 * moderator clearing reactions) and MESSAGE_DELETE (a reply deleted). Only
 * what arrived since start-up is known; older feedback stays as stored.
 */
export class LiveFeedback {
  private readonly reactions = new Map<string, Map<string, FeedbackInput>>();
  private readonly replies = new Map<string, FeedbackInput>();

  constructor(private readonly max = MAX_MESSAGES) {}

  remember(input: FeedbackInput): void {
    if (input.kind === 'reply') {
      if (input.removed) this.replies.delete(input.eventKey);
      else touch(this.replies, input.eventKey, input, this.max);
      return;
    }
    const live = this.reactions.get(input.messageOrThreadId) ?? new Map<string, FeedbackInput>();
    if (input.removed) live.delete(input.eventKey);
    else live.set(input.eventKey, input);
    if (live.size) touch(this.reactions, input.messageOrThreadId, live, this.max);
    else this.reactions.delete(input.messageOrThreadId);
  }

  /** Forget and return the live reactions on a message (only those with `emoji`, when given). */
  takeReactions(messageId: string, emoji?: string): FeedbackInput[] {
    const live = this.reactions.get(messageId);
    if (!live) return [];
    const taken = [...live.values()].filter((r) => emoji === undefined || r.emoji === emoji);
    for (const r of taken) live.delete(r.eventKey);
    if (!live.size) this.reactions.delete(messageId);
    return taken;
  }

  /** Forget and return a reply by its message id. */
  takeReply(messageId: string): FeedbackInput | null {
    const r = this.replies.get(messageId) ?? null;
    this.replies.delete(messageId);
    return r;
  }
}

function touch<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value ?? '');
}
