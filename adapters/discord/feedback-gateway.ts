import { z } from 'zod';
import type { FeedbackInput } from '../../src/chat/adapter.js';
import type { Clock } from '../../src/clock.js';

/*
 * Reactions and thread replies as the gateway dispatches them, read raw (like
 * interactions in gateway.ts) so nothing depends on discord.js's message cache,
 * which a bot without MessageContent mostly cannot fill anyway. The listener
 * that reports them is feedback-listener.ts.
 */

const emojiSchema = z.object({ id: z.string().nullish(), name: z.string().nullish() });
const userSchema = z.object({ id: z.string(), bot: z.boolean().optional() });

const reactionSchema = z.object({
  user_id: z.string(),
  channel_id: z.string(),
  message_id: z.string(),
  guild_id: z.string().optional(),
  emoji: emojiSchema,
  member: z.object({ user: userSchema }).optional(),
  message_author_id: z.string().optional(),
});

const messageSchema = z.object({
  id: z.string(),
  channel_id: z.string(),
  guild_id: z.string().optional(),
  author: userSchema,
  type: z.number(),
  timestamp: z.string(),
  webhook_id: z.string().optional(),
  /** Only messages inside a thread carry a position. */
  position: z.number().optional(),
});

/** Default (0) and reply (19) messages are people talking; the other types are system notices. */
export const HUMAN_MESSAGE_TYPES: ReadonlySet<number> = new Set([0, 19]);

export interface DispatchDeps {
  clock: Clock;
  /** The bot's own ids (application id, and the bot user once logged in): its reactions and posts never count. */
  botUserIds: () => ReadonlySet<string>;
}

/** Unicode emoji arrive as their character, custom ones by name: both are what the channel's emoji lists hold. */
export function emojiName(e: { id?: string | null | undefined; name?: string | null | undefined }): string | null {
  return e.name ?? null;
}

export function reactionInput(raw: unknown, removed: boolean, deps: DispatchDeps): FeedbackInput | null {
  const r = reactionSchema.safeParse(raw);
  if (!r.success) return null;
  const d = r.data;
  const guild = d.guild_id;
  if (!guild) return null;
  const emoji = emojiName(d.emoji);
  const bots = deps.botUserIds();
  if (!emoji || bots.has(d.user_id) || d.member?.user.bot === true) return null;
  // Only an add says whose message it was; a reaction on someone else's message is not about a paper.
  if (d.message_author_id !== undefined && !bots.has(d.message_author_id)) return null;
  return {
    channel: { platform: 'discord', workspaceId: guild, channelId: d.channel_id },
    messageOrThreadId: d.message_id,
    userId: d.user_id,
    kind: 'reaction',
    emoji,
    removed,
    eventKey: `${d.message_id}:${d.user_id}:${emoji}`,
    at: deps.clock.now().toISOString(),
  };
}

/** A person's message, as a reply to whatever thread `channel_id` is; `inThread` is what the payload itself says. */
export function replyInput(raw: unknown, deps: Pick<DispatchDeps, 'botUserIds'>): { input: FeedbackInput; inThread: boolean } | null {
  const m = messageSchema.safeParse(raw);
  if (!m.success) return null;
  const d = m.data;
  const guild = d.guild_id;
  if (!guild) return null;
  if (d.author.bot === true || d.webhook_id !== undefined || deps.botUserIds().has(d.author.id) || !HUMAN_MESSAGE_TYPES.has(d.type)) return null;
  const input: FeedbackInput = {
    channel: { platform: 'discord', workspaceId: guild, channelId: d.channel_id },
    messageOrThreadId: d.channel_id,
    userId: d.author.id,
    kind: 'reply',
    emoji: null,
    removed: false,
    eventKey: d.id,
    at: new Date(d.timestamp).toISOString(),
  };
  return { input, inThread: d.position !== undefined };
}

const undoSchema = z.object({ channel_id: z.string(), message_id: z.string(), guild_id: z.string().optional(), emoji: emojiSchema.optional() });
const deleteSchema = z.object({ channel_id: z.string(), guild_id: z.string().optional(), id: z.string().optional(), ids: z.array(z.string()).optional() });

/** MESSAGE_REACTION_REMOVE_ALL / _EMOJI: the message, and the emoji when only one was cleared. */
export function clearedReactions(raw: unknown): { messageId: string; emoji?: string } | null {
  const r = undoSchema.safeParse(raw);
  if (!r.success || !r.data.guild_id) return null;
  const emoji = r.data.emoji ? emojiName(r.data.emoji) : undefined;
  return emoji === null ? null : { messageId: r.data.message_id, ...(emoji !== undefined ? { emoji } : {}) };
}

/** MESSAGE_DELETE / MESSAGE_DELETE_BULK: the deleted message ids. */
export function deletedMessages(raw: unknown): string[] {
  const r = deleteSchema.safeParse(raw);
  if (!r.success || !r.data.guild_id) return [];
  return [...(r.data.id ? [r.data.id] : []), ...(r.data.ids ?? [])];
}
