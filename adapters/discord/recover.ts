import { Routes, type REST } from 'discord.js';
import { z } from 'zod';

/** Discord snowflakes count milliseconds from this epoch (2015-01-01). */
const DISCORD_EPOCH = 1_420_070_400_000n;
/** Without a known first attempt, look back this far (a delivery is never retried after 7 days). */
const DEFAULT_WINDOW_MS = 7 * 24 * 3600 * 1000;
/** Discord stamps the message a little after the attempt started; look a minute earlier. */
const MARGIN_MS = 60_000;
const PAGE = 100;
const MAX_PAGES = 5;

const messageSchema = z.object({
  id: z.string(),
  content: z.string().optional(),
  author: z.object({ id: z.string(), bot: z.boolean().optional() }),
  embeds: z.array(z.object({ footer: z.object({ text: z.string() }).optional() })).optional(),
});
type Message = z.infer<typeof messageSchema>;

const threadSchema = z.object({ id: z.string(), parent_id: z.string().nullish(), name: z.string(), owner_id: z.string().optional() });
const threadListSchema = z.object({ threads: z.array(threadSchema), has_more: z.boolean().optional() });

/** The smallest snowflake at `ms`: `after` it lists messages made from that moment on. */
export function snowflakeAt(ms: number): string {
  return ((BigInt(Math.max(0, Math.floor(ms))) - DISCORD_EPOCH) << 22n).toString();
}

/** What identifies a post among the bot's messages: the paper id in its footer, else its exact content. */
export interface PostMark {
  paperId: string | null;
  content: string | null;
}

function isOurs(m: Message, mark: PostMark, botUserId: string | null): boolean {
  if (botUserId ? m.author.id !== botUserId : m.author.bot !== true) return false;
  if (mark.paperId) return (m.embeds ?? []).some((e) => e.footer?.text.startsWith(`arXiv ${mark.paperId}`) ?? false);
  return mark.content !== null && m.content === mark.content;
}

/**
 * After an attempt that may have posted, when Discord's nonce memory (a few
 * minutes) may have passed: find the bot's post among the channel's messages
 * since the first attempt, by the paper id it carries. Needs Read Message
 * History; a failed read throws, so the caller waits and looks again rather
 * than posting blind.
 */
export async function findTextPost(
  rest: REST,
  channelId: string,
  mark: PostMark,
  at: { nowMs: number; sinceMs: number | null; botUserId: string | null },
): Promise<string | null> {
  let after = snowflakeAt((at.sinceMs ?? at.nowMs - DEFAULT_WINDOW_MS) - MARGIN_MS);
  for (let page = 0; page < MAX_PAGES; page++) {
    const raw = await rest.get(Routes.channelMessages(channelId), { query: new URLSearchParams({ after, limit: String(PAGE) }) });
    const messages = z.array(messageSchema).parse(raw);
    const found = messages.find((m) => isOurs(m, mark, at.botUserId));
    if (found) return found.id;
    if (messages.length < PAGE) return null;
    // Pages after a snowflake come newest first: carry on from the newest seen.
    after = messages.reduce((max, m) => (BigInt(m.id) > BigInt(max) ? m.id : max), after);
  }
  return null;
}

/**
 * A forum post this bot already made under this name: among the guild's active
 * threads, then the forum's recently archived ones (a moderator may have closed it).
 */
export async function findForumPost(rest: REST, guildId: string, forumId: string, name: string, botUserId: string | null): Promise<string | null> {
  const match = (t: z.infer<typeof threadSchema>) => t.parent_id === forumId && t.name === name && (!botUserId || !t.owner_id || t.owner_id === botUserId);
  const active = threadListSchema.parse(await rest.get(Routes.guildActiveThreads(guildId)));
  const live = active.threads.find(match);
  if (live) return live.id;
  const archived = threadListSchema.parse(await rest.get(Routes.channelThreads(forumId, 'public'), { query: new URLSearchParams({ limit: String(PAGE) }) }));
  return archived.threads.find(match)?.id ?? null;
}
