import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { CommandHandler } from '../commands/types.js';
import type { DigestService } from '../digest/types.js';
import type { HttpRoutes } from '../http/routes.js';
import type { Metrics } from '../metrics.js';
import type { Interactions } from '../interact/types.js';
import type { Stores } from '../store/types.js';
import type { Coordination } from '../workers/coordination.js';
import type { ChannelRef, ChatPort } from './port.js';

/** What the core hands an adapter when the app starts it. */
export interface CoreServices {
  commands: CommandHandler;
  stores: Stores;
  /** Resolved lazily: the pipeline needs every adapter's port before it exists. */
  digest: () => DigestService;
  clock: Clock;
  logger: Logger;
  /** Present when PORT is set: adapters that receive HTTP add their routes here. */
  http: HttpRoutes | null;
  /** Where adapters report reactions and thread replies on paper posts (learning, recaps). */
  feedback?: FeedbackSink;
  /** The app's registry: adapters observe how fast they acknowledge commands (paperboy_command_ack_seconds). */
  metrics?: Metrics;
  /** Button presses, autocomplete, forms and the Home tab; without it adapters leave them unanswered. */
  interactions?: Interactions;
  /**
   * A bot user id learnt after start (a workspace that installed the app
   * since): its reactions and replies are the bot's own, not feedback.
   */
  knownBot?: (userId: string) => void;
  /** Where an adapter takes what one worker at a time may run (Discord's gateway); without it, this process alone. */
  coordination?: Pick<Coordination, 'lead'>;
}

export interface RunningAdapter {
  port: ChatPort;
  stop(): Promise<void>;
  /** The bot's own user ids on its platform: its reactions and replies are not feedback. */
  botUserIds?: readonly string[];
}

/**
 * One piece of engagement with a paper the bot posted: a reaction added or
 * removed, or a human reply in the paper's thread. Adapters report what the
 * platform tells them; the core finds the paper from `messageOrThreadId`,
 * stores each `eventKey` once and ignores what is not about a paper post.
 */
export interface FeedbackInput {
  /** The channel the paper was posted in (for a Discord thread: its parent channel). */
  channel: ChannelRef;
  /** Slack: the paper message's ts (or a reply's thread_ts). Discord: the paper message id or its thread id. */
  messageOrThreadId: string;
  userId: string;
  kind: 'reaction' | 'reply';
  /** Slack sends names ("+1", "star"), Discord unicode ("👍") or a custom emoji's name. Null for replies. */
  emoji: string | null;
  removed: boolean;
  /**
   * The platform's identity of the event, so a redelivered event is stored once:
   * Slack reactions `${channel}:${item ts}:${user}:${reaction}`, replies `${channel}:${ts}`;
   * Discord reactions `${message id}:${user}:${emoji}`, messages their id.
   * A removal uses the same key as the reaction it removes.
   */
  eventKey: string;
  at: string;
}

export interface FeedbackSink {
  record(input: FeedbackInput): Promise<'stored' | 'duplicate' | 'ignored'>;
}
