import { Routes, ThreadAutoArchiveDuration, type REST } from 'discord.js';
import type { Logger } from 'pino';
import { z } from 'zod';
import { ChatError, type ChannelRef, type ChatPort, type OutboundMessage, type SendOptions, type SentMessage } from '../../src/chat/port.js';
import type { Clock } from '../../src/clock.js';
import { ChannelCache, tagsFor, type ChannelInfo } from './channels.js';
import { DiscordCode, discordCode, TAG_REASON, toChatError } from './errors.js';
import { createFeedbackCollector } from './feedback-rest.js';
import { notifyByDirectMessage } from './notify.js';
import { findForumPost, findTextPost, type PostMark } from './recover.js';
import { postName, renderMessage } from './render-message.js';

const idSchema = z.object({ id: z.string() });

/** Thread errors that leave the paper's message standing: the post counts, without a thread. */
const THREADLESS: ReadonlySet<number> = new Set([DiscordCode.UnknownMessage, DiscordCode.MissingPermissions, DiscordCode.MissingAccess]);

export interface DiscordPortDeps {
  rest: REST;
  logger: Logger;
  /** The bot's user id, when known: recovery then matches the bot's own posts exactly. */
  botUserId?: string;
  /** The time recovery looks back from; the system clock by default. */
  clock?: Clock;
  /** HTTP-interactions mode, where no gateway events arrive: read feedback over REST before each digest. */
  collectFeedback?: { clock: Clock; botUserIds: ReadonlySet<string> };
}

/**
 * Posts digests through discord.js's REST client (its queue waits out 429s per
 * route and the 50 requests/s global limit; its own retries are off, see
 * rest.ts). Text channels get a message, with the delivery key as an enforced
 * nonce, and a thread on each paper; forums get a post per paper. A retry of a
 * delivery that may have posted looks for that post first.
 */
export function createDiscordPort(deps: DiscordPortDeps): ChatPort {
  const { rest, logger } = deps;
  const channels = new ChannelCache(rest);
  const botUserId = deps.botUserId ?? null;
  const nowMs = () => (deps.clock ?? deps.collectFeedback?.clock)?.now().getTime() ?? Date.now();

  async function startThread(channelId: string, messageId: string, name: string): Promise<string | null> {
    try {
      const thread = idSchema.parse(
        await rest.post(Routes.threads(channelId, messageId), { body: { name, auto_archive_duration: ThreadAutoArchiveDuration.OneWeek } }),
      );
      return thread.id;
    } catch (err) {
      const code = discordCode(err);
      // A retry after a crash finds the thread made the first time; its id is the message's.
      if (code === DiscordCode.ThreadAlreadyCreated) return messageId;
      if (code !== null && THREADLESS.has(code)) {
        logger.warn({ err, channelId, messageId }, 'posted a paper but could not start its thread');
        return null;
      }
      throw err;
    }
  }

  function markOf(message: OutboundMessage): PostMark {
    if (message.kind === 'paper') return { paperId: message.paper.id, content: null };
    return { paperId: null, content: renderMessage(message).content ?? null };
  }

  async function sendToText(channelId: string, message: OutboundMessage, opts: SendOptions): Promise<SentMessage> {
    let messageId: string | null = null;
    if (opts.maybeSent) {
      // The nonce covers a retry within minutes only; the bot's recent messages cover any time since.
      const since = opts.firstAttemptAt ? Date.parse(opts.firstAttemptAt) : null;
      messageId = await findTextPost(rest, channelId, markOf(message), { nowMs: nowMs(), sinceMs: since, botUserId });
      if (messageId) logger.info({ channelId, messageId, key: opts.idempotencyKey }, 'found the earlier post of an interrupted delivery');
    }
    if (!messageId) {
      // Same nonce with enforce_nonce: within Discord's memory of it, the message it already made comes back.
      const body = { ...renderMessage(message), nonce: opts.idempotencyKey, enforce_nonce: true };
      messageId = idSchema.parse(await rest.post(Routes.channelMessages(channelId), { body })).id;
    }
    if (message.kind !== 'paper') return { messageId, threadId: null };
    // A found post may have lost its thread to the crash: it gets one now (160004 if it has one).
    return { messageId, threadId: await startThread(channelId, messageId, postName(message)) };
  }

  async function sendToForum(channel: ChannelRef, info: ChannelInfo, message: OutboundMessage, opts: SendOptions): Promise<SentMessage> {
    // A forum has no place for a loose header line: each post stands alone.
    if (message.kind === 'header') return { messageId: `forum-header:${opts.idempotencyKey}`, threadId: null };
    const name = postName(message);
    // Forum posts take no nonce, so a possible earlier attempt is looked up instead.
    if (opts.maybeSent) {
      const existing = await findForumPost(rest, channel.workspaceId, info.id, name, botUserId);
      if (existing) return { messageId: existing, threadId: message.kind === 'paper' ? existing : null };
    }
    const appliedTags = tagsFor(info, message.kind === 'paper' ? message.paper.matchedRules : []);
    if (appliedTags === null) throw new ChatError('channel', TAG_REASON, { code: String(DiscordCode.TagRequired) });
    const body = {
      name,
      auto_archive_duration: ThreadAutoArchiveDuration.OneWeek,
      message: renderMessage(message),
      ...(appliedTags.length ? { applied_tags: appliedTags } : {}),
    };
    // A forum post's id is both the thread's and its first message's.
    const post = idSchema.parse(await rest.post(Routes.threads(info.id), { body }));
    return { messageId: post.id, threadId: message.kind === 'paper' ? post.id : null };
  }

  const collect = deps.collectFeedback ? createFeedbackCollector({ rest, channels, logger, ...deps.collectFeedback }) : null;

  return {
    platform: 'discord',
    async send(channel, message, opts) {
      try {
        const info = await channels.get(channel.channelId);
        return info.kind === 'forum' ? await sendToForum(channel, info, message, opts) : await sendToText(channel.channelId, message, opts);
      } catch (err) {
        const chatError = toChatError(err);
        // The channel changed (deleted, permissions, tags): ask again after the resume.
        if (chatError.kind === 'channel') channels.forget(channel.channelId);
        throw chatError;
      }
    },
    notifyPaused: (channel, reason, subscriberIds) => notifyByDirectMessage({ rest, logger }, channel, reason, subscriberIds),
    ...(collect ? { collectFeedback: collect } : {}),
  };
}
