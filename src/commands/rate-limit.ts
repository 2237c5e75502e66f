import type { CommandContext } from './types.js';

export interface RateLimits {
  /** Expensive commands one person may run per window, across channels. */
  perUser: number;
  /** Expensive commands one channel may run per window, whoever asks. */
  perChannel: number;
  windowMs: number;
}

/** Five a minute is plenty for a person reading papers, and nowhere near enough to hold up the bot. */
export const EXPENSIVE_LIMITS: RateLimits = { perUser: 5, perChannel: 15, windowMs: 60_000 };

/** People and channels remembered at most; the least recently limited are forgotten first. */
const MAX_KEYS = 10_000;

export type Taken = { ok: true } | { ok: false; scope: 'user' | 'channel'; retryInMs: number };

/**
 * A sliding-window count of expensive commands per person and per channel.
 * A command counts against both only when both allow it.
 */
export class CommandRateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly limits: RateLimits,
    private readonly now: () => number,
  ) {}

  take(ctx: Pick<CommandContext, 'channel' | 'userId'>): Taken {
    const t = this.now();
    const { platform, workspaceId, channelId } = ctx.channel;
    const user = `u:${platform}:${workspaceId}:${ctx.userId}`;
    const channel = `c:${platform}:${workspaceId}:${channelId}`;
    for (const [key, max, scope] of [
      [user, this.limits.perUser, 'user'],
      [channel, this.limits.perChannel, 'channel'],
    ] as const) {
      const recent = this.recent(key, t);
      if (recent.length >= max) return { ok: false, scope, retryInMs: (recent[0] ?? t) + this.limits.windowMs - t };
    }
    this.add(user, t);
    this.add(channel, t);
    return { ok: true };
  }

  private recent(key: string, t: number): number[] {
    const list = (this.hits.get(key) ?? []).filter((at) => t - at < this.limits.windowMs);
    if (list.length) this.hits.set(key, list);
    else this.hits.delete(key);
    return list;
  }

  private add(key: string, t: number): void {
    const list = this.hits.get(key) ?? [];
    list.push(t);
    this.hits.delete(key);
    this.hits.set(key, list);
    while (this.hits.size > MAX_KEYS) this.hits.delete(this.hits.keys().next().value ?? '');
  }
}
