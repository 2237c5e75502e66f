import type { PaperView, Line } from './reply.js';

export type Platform = 'slack' | 'discord' | 'console';

/** A channel as the platform names it. `workspaceId` is the Slack team or Discord guild. */
export interface ChannelRef {
  platform: Platform;
  workspaceId: string;
  channelId: string;
}

/** What a digest sends, in order: a header, one message per paper, then maybe a "more" line. */
export type OutboundMessage =
  | { kind: 'header'; count: number; rules: string[]; date: string; timezone: string }
  | { kind: 'paper'; paper: PaperView }
  | { kind: 'more'; remaining: number }
  | { kind: 'notice'; lines: Line[]; image?: NoticeImage };

/** A picture under a notice (the weekly recap's most discussed paper's figure); `alt` is plain text. */
export interface NoticeImage {
  url: string;
  alt: string;
}

export interface SendOptions {
  /**
   * Stable per delivery and at most 25 characters (Discord's nonce limit).
   * The same key is passed again when a delivery is retried.
   */
  idempotencyKey: string;
  /**
   * True when an earlier attempt with this key may have reached the platform
   * (the process died between sending and recording): the adapter should
   * look for its own earlier post before posting again.
   */
  maybeSent: boolean;
  /**
   * When the first attempt of this delivery started (ISO), null for a first
   * attempt: a recovery lookup need not look further back.
   */
  firstAttemptAt?: string | null;
}

export interface SentMessage {
  /** Platform id of the posted message (Slack ts, Discord snowflake). */
  messageId: string;
  /** Thread the paper can be discussed in, when the platform made one. */
  threadId: string | null;
}

/** The one interface every chat platform implements for delivery. */
export interface ChatPort {
  readonly platform: Platform;
  send(channel: ChannelRef, message: OutboundMessage, opts: SendOptions): Promise<SentMessage>;
  /**
   * Called once when the pipeline pauses a channel after a permanent failure, so
   * the people who subscribed hear why (e.g. a direct message). Best effort.
   */
  notifyPaused?(channel: ChannelRef, reason: string, subscriberIds: readonly string[]): Promise<void>;
  /**
   * For platforms whose events do not reach us (Discord in HTTP-interactions
   * mode): read the current reactions and thread activity of recent paper posts
   * before a digest, within rate limits. Returns a snapshot of what is there now
   * for the posts in `covered` (fully read); the core treats feedback it stored
   * earlier for those posts and not in the snapshot as removed.
   */
  collectFeedback?(channel: ChannelRef, posts: readonly PostedPaper[]): Promise<{ snapshot: FeedbackSnapshotItem[]; covered: string[] }>;
  /**
   * The platform's own link to a post, where ids alone cannot make one that
   * works for everybody (Slack: chat.getPermalink gives the workspace's URL).
   * Null when it cannot say; callers then build one (src/feedback/thread-link.ts).
   */
  permalink?(channel: ChannelRef, post: PostedPaper): Promise<string | null>;
}

export interface PostedPaper {
  paperId: string;
  messageId: string;
  threadId: string;
}

/** One reaction or reply as it stands now: same meaning as FeedbackInput in src/chat/adapter.ts, without `channel`, `removed`. */
export interface FeedbackSnapshotItem {
  messageOrThreadId: string;
  userId: string;
  kind: 'reaction' | 'reply';
  emoji: string | null;
  eventKey: string;
  at: string;
}

/**
 * What a failed send means for the delivery, as each adapter's error table
 * decides it from the platform's answer:
 * - `rate_limited`: wait `retryAfterMs` (whatever the limit's scope), then the same delivery again.
 * - `transient`: 5xx, timeout, network: retried later with backoff; it may have reached the platform.
 * - `message`: about this one message (invalid body, blocked by AutoMod, too long): it fails, the queue goes on.
 * - `channel`: the channel cannot take posts (deleted, archived, no access or permission): it is paused.
 * - `token`: the credentials are refused: every channel they serve is paused (`scope`
 *   'workspace' for one Slack team, 'bot' for every Discord guild).
 * - `unknown`: an answer no table row names: retried a few times, then treated as `message`.
 */
export type ChatErrorKind = 'rate_limited' | 'transient' | 'message' | 'channel' | 'token' | 'unknown';

export interface ChatErrorDetails {
  /** The platform's own code ("channel_not_found", "50035", "429"). */
  code?: string;
  retryAfterMs?: number;
  /** Rate limits: what the limit covered. Token failures: 'workspace' or 'bot'. */
  scope?: 'route' | 'channel' | 'workspace' | 'bot' | 'global';
  cause?: unknown;
}

export class ChatError extends Error {
  override readonly name = 'ChatError';
  constructor(
    readonly kind: ChatErrorKind,
    message: string,
    readonly details: ChatErrorDetails = {},
  ) {
    super(message, { cause: details.cause });
  }
}
