import type { ChannelRef } from '../chat/port.js';
import type { ThreadRecord } from '../store/types.js';

/**
 * A link people can click to reach a paper's thread. Platform URL formats
 * only (no SDK): Slack archive permalinks resolve to the reader's workspace,
 * Discord thread channels and messages have fixed paths. Null when the
 * platform has no thread URL (the console).
 */
export function threadUrl(channel: ChannelRef, post: Pick<ThreadRecord, 'messageId' | 'threadId'>): string | null {
  switch (channel.platform) {
    case 'slack':
      return `https://slack.com/archives/${encodeURIComponent(channel.channelId)}/p${post.messageId.replace('.', '')}`;
    case 'discord':
      return post.threadId !== post.messageId
        ? `https://discord.com/channels/${channel.workspaceId}/${post.threadId}`
        : `https://discord.com/channels/${channel.workspaceId}/${channel.channelId}/${post.messageId}`;
    default:
      return null;
  }
}
