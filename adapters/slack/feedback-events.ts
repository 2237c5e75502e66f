import { z } from 'zod';
import type { FeedbackInput } from '../../src/chat/adapter.js';

/** Who the bot is, so its own reactions and posts never count as the channel's taste. */
export interface BotIdentity {
  botUserId: string | undefined;
  botId: string | undefined;
}

/** "1700000100.000200" → ISO time. Slack ts values are seconds with microseconds. */
export function slackTsToIso(ts: string): string {
  const [sec = '0', frac = ''] = ts.split('.');
  const ms = Number(sec) * 1000 + Math.floor(Number(`0.${frac || '0'}`) * 1000);
  return new Date(ms).toISOString();
}

/** A Slack timestamp ("1700000100.000200"): anything else is no message of Slack's. */
const ts = z.string().regex(/^\d{1,12}(\.\d{1,9})?$/, 'not a Slack ts');

const reactionSchema = z.object({
  type: z.enum(['reaction_added', 'reaction_removed']),
  user: z.string().min(1),
  reaction: z.string().min(1),
  // Reactions on files come with item.type 'file': never a paper post.
  item: z.object({ type: z.literal('message'), channel: z.string().min(1), ts }),
  event_ts: ts,
});

/** reaction_added / reaction_removed on a message → feedback; null for anything else (files, the bot itself). */
export function reactionFeedback(event: unknown, teamId: string, bot: BotIdentity): FeedbackInput | null {
  const parsed = reactionSchema.safeParse(event);
  if (!parsed.success) return null;
  const e = parsed.data;
  if (bot.botUserId !== undefined && e.user === bot.botUserId) return null;
  return {
    channel: { platform: 'slack', workspaceId: teamId, channelId: e.item.channel },
    messageOrThreadId: e.item.ts,
    userId: e.user,
    kind: 'reaction',
    // As Slack sends it ("+1::skin-tone-2"): the core folds skin tones when it reads polarity.
    emoji: e.reaction,
    removed: e.type === 'reaction_removed',
    // The reaction's identity, shared by its removal, so add → remove → add again is one row flipping.
    eventKey: `${e.item.channel}:${e.item.ts}:${e.user}:${e.reaction}`,
    at: slackTsToIso(e.event_ts),
  };
}

/**
 * Subtypes that are still a person writing in the thread: "also send to
 * channel" (thread_broadcast) and a reply with a file attached (file_share).
 * Edits, deletions, joins, bot posts and the rest carry other subtypes.
 */
const REPLY_SUBTYPES = new Set(['thread_broadcast', 'file_share']);

const replySchema = z.object({
  type: z.literal('message'),
  subtype: z.string().optional(),
  channel: z.string().min(1),
  user: z.string().min(1),
  ts,
  thread_ts: ts,
  bot_id: z.string().optional(),
});

const deletedSchema = z.object({
  type: z.literal('message'),
  subtype: z.literal('message_deleted'),
  channel: z.string().min(1),
  event_ts: ts,
  previous_message: z.object({ user: z.string().min(1), ts, thread_ts: ts, bot_id: z.string().optional() }),
});

const isReplyIn = (m: { ts: string; thread_ts: string }): boolean => m.thread_ts !== m.ts;
const isBot = (m: { user: string; bot_id?: string | undefined }, bot: BotIdentity): boolean =>
  m.bot_id !== undefined || (bot.botUserId !== undefined && m.user === bot.botUserId);

/**
 * A human reply in a thread → feedback on the thread's parent (the sink
 * decides whether that parent is a paper post). A deleted reply is reported
 * as the removal of the same key. Top-level messages, the thread's parent
 * itself, edits, bot posts and other subtypes → null.
 */
export function messageFeedback(event: unknown, teamId: string, bot: BotIdentity): FeedbackInput | null {
  const deleted = deletedSchema.safeParse(event);
  if (deleted.success) {
    const { channel, previous_message: prev, event_ts } = deleted.data;
    if (!isReplyIn(prev) || isBot(prev, bot)) return null;
    return reply(teamId, channel, prev.thread_ts, prev.user, `${channel}:${prev.ts}`, true, event_ts);
  }
  const parsed = replySchema.safeParse(event);
  if (!parsed.success) return null;
  const m = parsed.data;
  if (m.subtype !== undefined && !REPLY_SUBTYPES.has(m.subtype)) return null;
  if (!isReplyIn(m) || isBot(m, bot)) return null;
  return reply(teamId, m.channel, m.thread_ts, m.user, `${m.channel}:${m.ts}`, false, m.ts);
}

function reply(teamId: string, channel: string, threadTs: string, userId: string, eventKey: string, removed: boolean, ts: string): FeedbackInput {
  return {
    channel: { platform: 'slack', workspaceId: teamId, channelId: channel },
    messageOrThreadId: threadTs,
    userId,
    kind: 'reply',
    emoji: null,
    removed,
    eventKey,
    at: slackTsToIso(ts),
  };
}
