import { ChannelType, Routes, type REST } from 'discord.js';
import { z } from 'zod';

const channelSchema = z.object({
  id: z.string(),
  type: z.number(),
  guild_id: z.string().optional(),
  parent_id: z.string().nullish(),
  flags: z.number().optional(),
  available_tags: z.array(z.object({ id: z.string(), name: z.string(), moderated: z.boolean().optional() })).optional(),
});

export interface ChannelInfo {
  id: string;
  kind: 'forum' | 'text';
  /** Forum tags by lower-cased name; moderated tags are left out (applying them needs Manage Threads). */
  tags: Map<string, string>;
  /** A forum flagged REQUIRE_TAG: Discord refuses an untagged post (40067). */
  requiresTag: boolean;
}

/** Channel flag REQUIRE_TAG (1 << 4). */
const REQUIRE_TAG = 16;
/** The tag a forum that requires one can set aside for Paperboy's posts. */
export const FALLBACK_TAG = 'papers';

const FORUM_TYPES: ReadonlySet<number> = new Set([ChannelType.GuildForum, ChannelType.GuildMedia]);

/** Forum tags change now and then; an hour-old view of them is good enough. */
const TTL_MS = 60 * 60 * 1000;

/**
 * Channel type and forum tags, fetched once per channel and hour: a digest
 * posts many messages to a channel and the type decides how each is posted.
 * A failed fetch is not cached, so the next digest asks again.
 */
export class ChannelCache {
  private readonly cache = new Map<string, { at: number; info: Promise<ChannelInfo> }>();

  constructor(
    private readonly rest: REST,
    private readonly now: () => number = Date.now,
  ) {}

  get(channelId: string): Promise<ChannelInfo> {
    const hit = this.cache.get(channelId);
    if (hit && this.now() - hit.at < TTL_MS) return hit.info;
    const info = this.fetch(channelId);
    this.cache.set(channelId, { at: this.now(), info });
    info.catch(() => this.cache.delete(channelId));
    return info;
  }

  /** Forget a channel (its tags changed, or it was deleted). */
  forget(channelId: string): void {
    this.cache.delete(channelId);
  }

  private async fetch(channelId: string): Promise<ChannelInfo> {
    const c = channelSchema.parse(await this.rest.get(Routes.channel(channelId)));
    const tags = new Map((c.available_tags ?? []).filter((t) => !t.moderated).map((t) => [t.name.trim().toLowerCase(), t.id] as const));
    return { id: c.id, kind: FORUM_TYPES.has(c.type) ? 'forum' : 'text', tags, requiresTag: ((c.flags ?? 0) & REQUIRE_TAG) !== 0 };
  }
}

/**
 * Ids of the forum's tags named like the matched rules, at most 5 (Discord's
 * limit). A forum that requires a tag and has none of those gets its "papers"
 * tag; null when it has that neither (the post would be refused).
 */
export function tagsFor(info: ChannelInfo, rules: readonly string[]): string[] | null {
  const ids = [...new Set(rules.map((r) => info.tags.get(r.trim().toLowerCase())).filter((id): id is string => id !== undefined))].slice(0, 5);
  if (ids.length || !info.requiresTag) return ids;
  const fallback = info.tags.get(FALLBACK_TAG);
  return fallback ? [fallback] : null;
}
