import type { ChannelRef, OutboundMessage } from '../../../src/chat/port.js';
import type { PaperView } from '../../../src/chat/reply.js';
import { fixtureView } from '../../support/paper-views.js';

export const GUILD = '900000000000000001';

export function discordChannel(channelId: string): ChannelRef {
  return { platform: 'discord', workspaceId: GUILD, channelId };
}

export function view(over: Partial<PaperView> = {}): PaperView {
  return fixtureView(over);
}

export function paperMessage(over: Partial<PaperView> = {}): OutboundMessage {
  return { kind: 'paper', paper: view(over) };
}

let keyCounter = 0;
/** A fresh 24-character idempotency key, like the pipeline's. */
export function key(): string {
  keyCounter += 1;
  return `k${String(keyCounter).padStart(23, '0')}`;
}
