import type { ChannelRef, ChatPort, OutboundMessage, SendOptions, SentMessage } from '../../src/chat/port.js';
import { renderConsoleMessage } from './render.js';

/** The terminal is one channel. */
export const CONSOLE_CHANNEL: ChannelRef = { platform: 'console', workspaceId: 'local', channelId: 'terminal' };

/**
 * Prints digests to stdout. Message ids are the idempotency keys: the console
 * cannot un-print, so a retried key is simply not printed twice in one process.
 */
export function createConsolePort(output: NodeJS.WritableStream): ChatPort {
  const printed = new Set<string>();
  return {
    platform: 'console',
    async send(_channel: ChannelRef, message: OutboundMessage, opts: SendOptions): Promise<SentMessage> {
      if (!printed.has(opts.idempotencyKey)) {
        output.write(`${renderConsoleMessage(message)}\n`);
        printed.add(opts.idempotencyKey);
      }
      return { messageId: opts.idempotencyKey, threadId: null };
    },
    async notifyPaused(_channel, reason) {
      output.write(`Paperboy paused this channel: ${reason}\n`);
    },
  };
}
