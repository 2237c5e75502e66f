import { Routes, ThreadAutoArchiveDuration, type REST } from 'discord.js';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { ChannelRef, ChatPort, OutboundMessage, SendOptions, SentMessage } from '../../src/chat/port.js';
import { ChannelCache, tagsFor, type ChannelInfo } from './channels.js';
import type { Clock } from '../../src/clock.js';
import { DiscordCode, discordCode, toChatError } from './errors.js';
import { createFeedbackCollector } from './feedback-rest.js';
import { notifyByDirectMessage } from './notify.js';
import { postName, renderMessage } from './render-message.js';

const idSchema = z.object({ id: z.string() });
const activeThreadsSchema = z.object({ threads: z.array(z.object({ id: z.string(), parent_id: z.string().nullish(), name: z.string() })) });

/** Thread errors that leave the paper's message standing: the post counts, without a thread. */
const THREADLESS: ReadonlySet<number> = new Set([DiscordCode.UnknownMessage, DiscordCode.MissingPermissions, DiscordCode.MissingAccess]);

export interface DiscordPortDeps {
  rest: REST;
  logger: Logger;
  /** HTTP-interactions mode, where no gateway events arrive: read feedback over REST before each digest. */
  collectFeedback?: { clock: Clock; botUserIds: ReadonlySet<string> };
}

/**
 * Posts digests through discord.js's REST client, whose queue absorbs 429s
 * per route and channel. Text channels get a message (with the delivery key as
 * an enforced nonce) and a thread on each paper; forums get a post per paper.
 */
export function createDiscordPort(deps: DiscordPortDeps): ChatPort {
  const { rest, logger } = deps;
  const channels = new ChannelCache(rest);

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

  async function sendToText(channelId: string, message: OutboundMessage, opts: SendOptions): Promise<SentMessage> {
    // Same nonce with enforce_nonce: Discord returns the message it already made instead of a duplicate.
    const body = { ...renderMessage(message), nonce: opts.idempotencyKey, enforce_nonce: true };
    const posted = idSchema.parse(await rest.post(Routes.channelMessages(channelId), { body }));
    if (message.kind !== 'paper') return { messageId: posted.id, threadId: null };
    return { messageId: posted.id, threadId: await startThread(channelId, posted.id, postName(message)) };
  }

  /** A post this bot already made in the forum under this name (a crash between posting and recording). */
  async function findForumPost(guildId: string, forumId: string, name: string): Promise<string | null> {
    const active = activeThreadsSchema.parse(await rest.get(Routes.guildActiveThreads(guildId)));
    return active.threads.find((t) => t.parent_id === forumId && t.name === name)?.id ?? null;
  }

  async function sendToForum(channel: ChannelRef, info: ChannelInfo, message: OutboundMessage, opts: SendOptions): Promise<SentMessage> {
    // A forum has no place for a loose header line: each post stands alone.
    if (message.kind === 'header') return { messageId: `forum-header:${opts.idempotencyKey}`, threadId: null };
    const name = postName(message);
    // Forum posts take no nonce, so a possible earlier attempt is looked up instead.
    if (opts.maybeSent) {
      const existing = await findForumPost(channel.workspaceId, info.id, name);
      if (existing) return { messageId: existing, threadId: message.kind === 'paper' ? existing : null };
    }
    const appliedTags = message.kind === 'paper' ? tagsFor(info, message.paper.matchedRules) : [];
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
        if (chatError.kind === 'permanent') channels.forget(channel.channelId);
        throw chatError;
      }
    },
    notifyPaused: (channel, reason, subscriberIds) => notifyByDirectMessage({ rest, logger }, channel, reason, subscriberIds),
    ...(collect ? { collectFeedback: collect } : {}),
  };
}
