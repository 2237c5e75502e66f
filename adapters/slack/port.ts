import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { AdaptiveRate } from '../../src/chat/adaptive-rate.js';
import { ChannelPacer } from '../../src/chat/pacer.js';
import { ChatError, type ChannelRef, type ChatPort, type OutboundMessage, type PostedPaper, type SendOptions, type SentMessage } from '../../src/chat/port.js';
import type { Clock } from '../../src/clock.js';
import { sleep as realSleep } from '../../src/util/limit.js';
import type { RenderedMessage } from './blocks.js';
import type { ClientFor } from './clients.js';
import { escapeMrkdwn } from './escape.js';
import { INVITE_REASON, forInstalledApp, slackErrorCode, toChatError } from './errors.js';
import { POST_EVENT_TYPE, findEarlierPost } from './recover.js';
import { renderMessage } from './render-message.js';

export interface SlackPortOptions {
  /** One workspace: the client with SLACK_BOT_TOKEN. */
  client?: WebClient;
  /** Each workspace's client: SLACK_BOT_TOKEN's, or in the installable app its installation's. */
  clientFor?: ClientFor;
  /** The installable app: a refused token is the workspace's installation, so the fix named is to install again. */
  installedApp?: boolean;
  logger: Logger;
  clock: Clock;
  /**
   * Gap between posts to one channel, counted from the end of the previous post
   * (so posts land at least this far apart). Slack's pace is about one per second.
   */
  channelIntervalMs?: number;
  /** Injected so tests can observe pacing without waiting on the wall clock. */
  sleep?: (ms: number) => Promise<void>;
}

/** Slack errors that mean the blocks, not the channel, are the problem: post the plain text instead. */
const BAD_BLOCKS = new Set(['invalid_blocks', 'invalid_blocks_format', 'msg_blocks_too_long']);
/** A join refused for these means the bot must be invited; anything else keeps its own meaning. */
const JOIN_NEEDS_INVITE = new Set(['method_not_supported_for_channel_type', 'missing_scope', 'not_in_channel']);
const MAX_PAUSE_NOTICES = 10;

/**
 * Delivery to Slack: Block Kit posts, paced per channel (about one a second)
 * and per workspace (a rate learnt from Slack's 429s), with every Slack answer
 * turned into a ChatError by the table in errors.ts.
 */
export function createSlackPort(opts: SlackPortOptions): ChatPort {
  const { clock } = opts;
  const single = opts.client;
  const clientFor: ClientFor = opts.clientFor ?? (async () => single ?? Promise.reject(new Error('createSlackPort needs client or clientFor')));
  // Token answers name SLACK_BOT_TOKEN in single-workspace mode; the installable app's say to install again.
  const tokenFailure = (err: unknown): unknown => (opts.installedApp && err instanceof ChatError ? forInstalledApp(err) : err);
  const log = opts.logger.child({ platform: 'slack' });
  const now = () => clock.now().getTime();
  const pacer = new ChannelPacer(opts.channelIntervalMs ?? 1000, now, opts.sleep);

  const sleep = opts.sleep ?? realSleep;
  const workspaces = new AdaptiveRate(now, sleep);

  async function postOnce(client: WebClient, ref: ChannelRef, body: RenderedMessage, metadata: PostMetadata): Promise<string> {
    const channel = ref.channelId;
    return pacer.run(channel, async () => {
      await workspaces.acquire(ref.workspaceId);
      try {
        const res = await client.chat.postMessage({
          channel,
          text: body.text,
          ...(body.blocks.length ? { blocks: body.blocks } : {}),
          metadata,
          unfurl_links: false,
          unfurl_media: false,
        });
        if (!res.ts) throw new ChatError('transient', 'Slack accepted the post but returned no ts');
        workspaces.accepted(ref.workspaceId);
        return res.ts;
      } catch (err) {
        const e = toChatError(err, 'posting');
        if (e.kind === 'rate_limited') {
          const wait = e.details.retryAfterMs ?? 1000;
          pacer.holdOff(channel, wait);
          workspaces.limited(ref.workspaceId, wait);
        }
        throw err;
      }
    });
  }

  async function join(client: WebClient, channel: string): Promise<void> {
    try {
      await client.conversations.join({ channel });
      log.info({ channel }, 'joined public channel to post');
    } catch (err) {
      const code = slackErrorCode(err);
      if (code !== null && JOIN_NEEDS_INVITE.has(code)) throw new ChatError('channel', INVITE_REASON, { code, cause: err });
      throw toChatError(err, 'joining the channel');
    }
  }

  /** Post; on not_in_channel join once and resend; on rejected blocks resend as plain text once. */
  async function post(client: WebClient, ref: ChannelRef, rendered: RenderedMessage, metadata: PostMetadata): Promise<string> {
    let body = rendered;
    let joined = false;
    for (;;) {
      try {
        return await postOnce(client, ref, body, metadata);
      } catch (err) {
        const code = slackErrorCode(err);
        if (code === 'not_in_channel' && !joined) {
          joined = true;
          await join(client, ref.channelId);
          continue;
        }
        if (code !== null && BAD_BLOCKS.has(code) && body.blocks.length) {
          log.error({ channel: ref.channelId, code, blocks: body.blocks.length }, 'Slack rejected the blocks; posting the plain text instead');
          body = { text: body.text, blocks: [] };
          continue;
        }
        throw toChatError(err, 'posting');
      }
    }
  }

  return {
    platform: 'slack',

    async send(ref: ChannelRef, message: OutboundMessage, sendOpts: SendOptions): Promise<SentMessage> {
      try {
        return await sendWith(await clientFor(ref.workspaceId), ref, message, sendOpts);
      } catch (err) {
        throw tokenFailure(err);
      }
    },

    async permalink(ref: ChannelRef, post: PostedPaper): Promise<string | null> {
      try {
        const client = await clientFor(ref.workspaceId);
        const res = await client.chat.getPermalink({ channel: ref.channelId, message_ts: post.messageId });
        return res.permalink ?? null;
      } catch (err) {
        log.warn(
          { channel: ref.channelId, ts: post.messageId, error: slackErrorCode(err) ?? String(err) },
          'could not get a permalink; building the link from ids',
        );
        return null;
      }
    },

    async notifyPaused(ref: ChannelRef, reason: string, subscriberIds: readonly string[]): Promise<void> {
      const text = `Paperboy stopped posting in <#${ref.channelId}>: ${escapeMrkdwn(reason)}. Once that is fixed, run \`/papers resume\` there.`;
      const client = await clientFor(ref.workspaceId).catch((err: unknown) => {
        log.warn({ err, workspace: ref.workspaceId }, 'could not tell subscribers about a pause: no token for the workspace');
        return null;
      });
      if (!client) return;
      for (const user of [...new Set(subscriberIds)].slice(0, MAX_PAUSE_NOTICES)) {
        // Posting to a user id lands in the bot's DM with them (chat:write is enough).
        await client.chat.postMessage({ channel: user, text }).catch((err: unknown) => log.warn({ err, user }, 'could not tell a subscriber about the pause'));
      }
    },
  };

  async function sendWith(client: WebClient, ref: ChannelRef, message: OutboundMessage, sendOpts: SendOptions): Promise<SentMessage> {
    const channel = ref.channelId;
    const threadable = message.kind === 'paper';
    if (sendOpts.maybeSent) {
      // History allows about one call a minute: the look-up waits out 429s between pages, and a
      // read that still fails is thrown, so the delivery waits and looks again. Posting blind could post twice.
      const since = sendOpts.firstAttemptAt ? Date.parse(sendOpts.firstAttemptAt) : null;
      const earlier = await findEarlierPost(client, channel, sendOpts.idempotencyKey, { nowMs: now(), sinceMs: since, sleep }).catch((err: unknown) => {
        throw toChatError(err, 'reading recent history to find an earlier post');
      });
      if (earlier) {
        log.info({ channel, ts: earlier, key: sendOpts.idempotencyKey }, 'found the earlier post of an interrupted delivery');
        // A Slack thread is the message itself: finding the post is finding its thread.
        return { messageId: earlier, threadId: threadable ? earlier : null };
      }
    }
    const metadata: PostMetadata = {
      event_type: POST_EVENT_TYPE,
      event_payload: { idempotency_key: sendOpts.idempotencyKey, ...(message.kind === 'paper' ? { paper_id: message.paper.id } : {}) },
    };
    const ts = await post(client, ref, renderMessage(message), metadata);
    return { messageId: ts, threadId: threadable ? ts : null };
  }
}

interface PostMetadata {
  event_type: string;
  event_payload: Record<string, string>;
}
