import type { WebClient } from '@slack/web-api';
import type { ReplyAttachment } from '../../src/chat/reply.js';

/**
 * A reply's file, to the person alone: a reading list is theirs, so it goes to
 * their direct messages with the app (conversations.open, im:write) through
 * files.uploadV2 (files:write), not into the channel the command came from.
 */
export async function sendFileToUser(client: WebClient, userId: string, file: ReplyAttachment, comment: string): Promise<void> {
  const dm = await client.conversations.open({ users: userId });
  const channelId = dm.channel?.id;
  if (!channelId) throw new Error('conversations.open returned no channel');
  await client.files.uploadV2({ channel_id: channelId, filename: file.filename, title: file.filename, content: file.content, initial_comment: comment });
}
