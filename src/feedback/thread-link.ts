import type { ChannelRef } from '../chat/port.js';
import type { ThreadRecord } from '../store/types.js';

/**
 * A link to a paper's thread built from ids alone (no SDK). Discord thread
 * channels and messages have fixed paths. For Slack the platform's own
 * permalink (ChatPort.permalink: chat.getPermalink, the workspace's URL) is
 * asked first; this generic archive link is the fallback when Slack cannot
 * give one. Null when the platform has no thread URL (the console).
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
