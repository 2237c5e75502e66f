import { ChatError, type ChannelRef, type ChatPort, type OutboundMessage, type Platform, type SendOptions, type SentMessage } from '../../src/chat/port.js';

export interface RecordedSend {
  channel: ChannelRef;
  message: OutboundMessage;
  opts: SendOptions;
}

/**
 * A chat port that records what it is asked to post. `failWith` scripts
 * failures: a function of the send's index and the message that returns an
 * error to throw, or null to succeed. Posts are deduplicated by idempotency key
 * when `maybeSent` is set, as the real adapters do.
 */
export class RecordingPort implements ChatPort {
  readonly sends: RecordedSend[] = [];
  readonly attempts: RecordedSend[] = [];
  readonly paused: { channel: ChannelRef; reason: string; subscribers: readonly string[] }[] = [];
  failWith: ((index: number, message: OutboundMessage, channel: ChannelRef) => ChatError | null) | null = null;
  private seq = 0;

  constructor(readonly platform: Platform = 'console') {}

  async send(channel: ChannelRef, message: OutboundMessage, opts: SendOptions): Promise<SentMessage> {
    const index = this.attempts.length;
    this.attempts.push({ channel, message, opts });
    const err = this.failWith?.(index, message, channel) ?? null;
    if (err) throw err;
    const earlier = opts.maybeSent ? this.sends.find((s) => s.opts.idempotencyKey === opts.idempotencyKey) : undefined;
    if (earlier) return { messageId: earlier.opts.idempotencyKey, threadId: null };
    this.sends.push({ channel, message, opts });
    this.seq += 1;
    return { messageId: `m${this.seq}`, threadId: message.kind === 'paper' ? `t${this.seq}` : null };
  }

  async notifyPaused(channel: ChannelRef, reason: string, subscribers: readonly string[]): Promise<void> {
    this.paused.push({ channel, reason, subscribers });
  }

  papersSent(channelId?: string): string[] {
    return this.sends.filter((s) => !channelId || s.channel.channelId === channelId).flatMap((s) => (s.message.kind === 'paper' ? [s.message.paper.id] : []));
  }

  kinds(channelId?: string): string[] {
    return this.sends.filter((s) => !channelId || s.channel.channelId === channelId).map((s) => s.message.kind);
  }
}

export const permanent = (reason: string, code = 'channel_not_found') => new ChatError('channel', reason, { code });
export const aboutMessage = (reason: string, code = '50035') => new ChatError('message', reason, { code });
export const unknownAnswer = (code = 'something_new') => new ChatError('unknown', `refused: ${code}`, { code });
export const tokenRefused = (scope: 'workspace' | 'bot' = 'workspace') =>
  new ChatError('token', 'the token was revoked: set a new one', { code: 'token_revoked', scope });
export const rateLimited = (ms: number) => new ChatError('rate_limited', 'rate limited', { retryAfterMs: ms });
export const transient = () => new ChatError('transient', 'socket hang up');
