import { GatewayDispatchEvents, type Client } from 'discord.js';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { FeedbackInput, FeedbackSink } from '../../src/chat/adapter.js';
import type { Clock } from '../../src/clock.js';

/*
 * Reactions and thread replies as the gateway dispatches them, read raw (like
 * interactions in gateway.ts) so nothing depends on discord.js's message cache,
 * which a bot without MessageContent mostly cannot fill anyway.
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
const HUMAN_MESSAGE_TYPES: ReadonlySet<number> = new Set([0, 19]);

export interface FeedbackListenerDeps {
  sink: FeedbackSink;
  clock: Clock;
  logger: Logger;
  /** The bot's own ids (application id, and the bot user once logged in): its reactions and posts never count. */
  botUserIds: () => ReadonlySet<string>;
  /** The parent of a thread the client knows (discord.js channel cache), or null when it does not know it as a thread. */
  threadParent: (channelId: string) => string | null;
}

/** Unicode emoji arrive as their character, custom ones by name: both are what the channel's emoji lists hold. */
export function emojiName(e: { id?: string | null | undefined; name?: string | null | undefined }): string | null {
  return e.name ?? null;
}

export function reactionInput(raw: unknown, removed: boolean, deps: Pick<FeedbackListenerDeps, 'botUserIds' | 'clock'>): FeedbackInput | null {
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
    // A forum post's starter message lives in the post's thread, so channel_id is that thread: the sink finds the paper by message id.
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

export function replyInput(raw: unknown, deps: Pick<FeedbackListenerDeps, 'botUserIds' | 'threadParent'>): FeedbackInput | null {
  const m = messageSchema.safeParse(raw);
  if (!m.success) return null;
  const d = m.data;
  const guild = d.guild_id;
  if (!guild) return null;
  if (d.author.bot === true || d.webhook_id !== undefined || deps.botUserIds().has(d.author.id) || !HUMAN_MESSAGE_TYPES.has(d.type)) return null;
  const parent = deps.threadParent(d.channel_id);
  if (parent === null && d.position === undefined) return null; // not in a thread: ordinary channel chatter
  return {
    channel: { platform: 'discord', workspaceId: guild, channelId: parent ?? d.channel_id },
    messageOrThreadId: d.channel_id,
    userId: d.author.id,
    kind: 'reply',
    emoji: null,
    removed: false,
    eventKey: d.id,
    at: new Date(d.timestamp).toISOString(),
  };
}

/**
 * Report reactions added and removed and human messages in threads to the
 * sink; the sink decides which are about a paper post. REMOVE_ALL and
 * REMOVE_EMOJI carry no user ids, so they cannot name the events they undo:
 * they are left for the sink's next look at the post (see docs/discord.md).
 */
export function listenForFeedback(client: Client, deps: FeedbackListenerDeps): void {
  const report = (input: FeedbackInput | null) => {
    if (!input) return;
    deps.sink.record(input).catch((err: unknown) => deps.logger.warn({ err, eventKey: input.eventKey }, 'could not record discord feedback'));
  };
  client.ws.on(GatewayDispatchEvents.MessageReactionAdd, (data: unknown) => report(reactionInput(data, false, deps)));
  client.ws.on(GatewayDispatchEvents.MessageReactionRemove, (data: unknown) => report(reactionInput(data, true, deps)));
  client.ws.on(GatewayDispatchEvents.MessageCreate, (data: unknown) => report(replyInput(data, deps)));
}
