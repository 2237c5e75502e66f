import { ChannelType, Routes, type REST } from 'discord.js';
import type { Logger } from 'pino';
import { z } from 'zod';

const THREAD_TYPES: ReadonlySet<number> = new Set([ChannelType.PublicThread, ChannelType.PrivateThread, ChannelType.AnnouncementThread]);
const channelSchema = z.object({ id: z.string(), type: z.number(), parent_id: z.string().nullish() });

/** A channel's kind never changes and a thread never moves, so answers are kept; the bound only caps memory. */
const MAX_ENTRIES = 5000;

/**
 * Which channel a thread belongs to. Gateway events name the thread (a reply,
 * or a reaction on a forum post's starter message) while a paper was posted
 * to the thread's parent. discord.js's channel cache usually knows (the Guilds
 * intent brings threads); otherwise one GET per channel, remembered.
 * `known` answers from that cache: a parent id, null for "not a thread",
 * undefined for "never heard of it".
 */
export class ThreadParents {
  private readonly answers = new Map<string, Promise<string | null>>();

  constructor(
    private readonly rest: REST,
    private readonly logger: Logger,
    private readonly known: (channelId: string) => string | null | undefined = () => undefined,
  ) {}

  /** The thread's parent channel id, or null when `channelId` is not a thread (or could not be looked up). */
  parentOf(channelId: string): Promise<string | null> {
    const cached = this.known(channelId);
    if (cached !== undefined) return Promise.resolve(cached);
    const hit = this.answers.get(channelId);
    if (hit) return hit;
    if (this.answers.size >= MAX_ENTRIES) this.answers.delete(this.answers.keys().next().value ?? '');
    const answer = this.lookUp(channelId);
    this.answers.set(channelId, answer);
    return answer;
  }

  private async lookUp(channelId: string): Promise<string | null> {
    try {
      const c = channelSchema.parse(await this.rest.get(Routes.channel(channelId)));
      return THREAD_TYPES.has(c.type) ? (c.parent_id ?? null) : null;
    } catch (err) {
      // Not remembered: a later event may find the channel readable again.
      this.answers.delete(channelId);
      this.logger.debug({ err, channelId }, 'could not look up a channel for feedback');
      return null;
    }
  }
}
