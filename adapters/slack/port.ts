import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { ChatError, type ChannelRef, type ChatPort, type OutboundMessage, type PostedPaper, type SendOptions, type SentMessage } from '../../src/chat/port.js';
import type { Clock } from '../../src/clock.js';
import type { RenderedMessage } from './blocks.js';
import { escapeMrkdwn } from './escape.js';
import { INVITE_REASON, slackErrorCode, toChatError } from './errors.js';
import { ChannelPacer } from '../../src/chat/pacer.js';
import { POST_EVENT_TYPE, findEarlierPost } from './recover.js';
import { renderMessage } from './render-message.js';

export interface SlackPortOptions {
  client: WebClient;
  logger: Logger;
  clock: Clock;
  /** Gap between posts to one channel. Slack's pace is about one per second. */
  channelIntervalMs?: number;
  /** Injected so tests can observe pacing without waiting on the wall clock. */
  sleep?: (ms: number) => Promise<void>;
}

/** Slack errors that mean the blocks, not the channel, are the problem: post the plain text instead. */
const BAD_BLOCKS = new Set(['invalid_blocks', 'invalid_blocks_format', 'msg_too_long', 'msg_blocks_too_long']);
/** A join failing for these says something about the channel or token, not about being invited. */
const JOIN_KEEPS_OWN_REASON = new Set(['channel_not_found', 'is_archived', 'account_inactive', 'invalid_auth', 'not_authed', 'token_revoked']);
const MAX_PAUSE_NOTICES = 10;

/** Delivery to Slack: Block Kit posts, paced per channel, with Slack's errors turned into ChatErrors. */
export function createSlackPort(opts: SlackPortOptions): ChatPort {
  const { client, clock } = opts;
  const log = opts.logger.child({ platform: 'slack' });
  const pacer = new ChannelPacer(opts.channelIntervalMs ?? 1100, () => clock.now().getTime(), opts.sleep);

  async function postOnce(channel: string, body: RenderedMessage, metadata: PostMetadata): Promise<string> {
    return pacer.run(channel, async () => {
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
        return res.ts;
      } catch (err) {
        const e = toChatError(err, 'posting');
        if (e.kind === 'rate_limited') pacer.holdOff(channel, e.details.retryAfterMs ?? 1000);
        throw err;
      }
    });
  }

  async function join(channel: string): Promise<void> {
    try {
      await client.conversations.join({ channel });
      log.info({ channel }, 'joined public channel to post');
    } catch (err) {
      const code = slackErrorCode(err);
      const e = toChatError(err, 'joining the channel');
      if (e.kind !== 'permanent' && (code === null || code === 'ratelimited')) throw e;
      if (code !== null && JOIN_KEEPS_OWN_REASON.has(code)) throw e;
      // Private channels (method_not_supported_for_channel_type) and a missing channels:join scope.
      throw new ChatError('permanent', INVITE_REASON, { code: code ?? 'not_in_channel', scope: 'channel', cause: err });
    }
  }

  /** Post; on not_in_channel join once and resend; on rejected blocks resend as plain text once. */
  async function post(channel: string, rendered: RenderedMessage, metadata: PostMetadata): Promise<string> {
    let body = rendered;
    let joined = false;
    for (;;) {
      try {
        return await postOnce(channel, body, metadata);
      } catch (err) {
        const code = slackErrorCode(err);
        if (code === 'not_in_channel' && !joined) {
          joined = true;
          await join(channel);
          continue;
        }
        if (code !== null && BAD_BLOCKS.has(code) && body.blocks.length) {
          log.error({ channel, code, blocks: body.blocks.length }, 'Slack rejected the blocks; posting the plain text instead');
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
      const channel = ref.channelId;
      const threadable = message.kind === 'paper';
      if (sendOpts.maybeSent) {
        const earlier = await findEarlierPost(client, channel, sendOpts.idempotencyKey, clock.now().getTime()).catch((err: unknown) => {
          log.warn({ err, channel }, 'could not read recent history to find an earlier post; posting again');
          return null;
        });
        if (earlier) {
          log.info({ channel, ts: earlier, key: sendOpts.idempotencyKey }, 'found the earlier post of an interrupted delivery');
          return { messageId: earlier, threadId: threadable ? earlier : null };
        }
      }
      const metadata: PostMetadata = {
        event_type: POST_EVENT_TYPE,
        event_payload: { idempotency_key: sendOpts.idempotencyKey, ...(message.kind === 'paper' ? { paper_id: message.paper.id } : {}) },
      };
      const ts = await post(channel, renderMessage(message), metadata);
      return { messageId: ts, threadId: threadable ? ts : null };
    },

    async permalink(ref: ChannelRef, post: PostedPaper): Promise<string | null> {
      try {
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
      for (const user of [...new Set(subscriberIds)].slice(0, MAX_PAUSE_NOTICES)) {
        // Posting to a user id lands in the bot's DM with them (chat:write is enough).
        await client.chat.postMessage({ channel: user, text }).catch((err: unknown) => log.warn({ err, user }, 'could not tell a subscriber about the pause'));
      }
    },
  };
}

interface PostMetadata {
  event_type: string;
  event_payload: Record<string, string>;
}
