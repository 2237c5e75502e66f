import type { ChannelRef, OutboundMessage } from '../../../src/chat/port.js';
import type { PaperView } from '../../../src/chat/reply.js';

export const GUILD = '900000000000000001';

export function discordChannel(channelId: string): ChannelRef {
  return { platform: 'discord', workspaceId: GUILD, channelId };
}

export function view(over: Partial<PaperView> = {}): PaperView {
  return {
    id: '2599.00001',
    title: 'A fixture paper about pruning',
    url: 'https://huggingface.co/papers/2599.00001',
    authors: ['Ada Fixture', 'Bob Placeholder'],
    moreAuthors: 0,
    summary: 'We prune fixture networks. Results are fixture results.',
    matchedRules: ['pruning'],
    links: [
      { label: 'arXiv', url: 'https://arxiv.org/abs/2599.00001' },
      { label: 'PDF', url: 'https://arxiv.org/pdf/2599.00001' },
    ],
    upvotes: 12,
    publishedAt: '2026-03-09T12:00:00.000Z',
    categories: ['cs.LG'],
    ...over,
  };
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
