import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { ReplyAttachment } from '../../src/chat/reply.js';
import { slackErrorCode } from './errors.js';

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

/** Send the file, and say in one line whether it went (for the command's own answer). */
export async function sendFileNotice(client: WebClient, userId: string, file: ReplyAttachment, logger: Logger): Promise<string> {
  try {
    await sendFileToUser(client, userId, file, 'From /papers saved bibtex');
    return `Sent ${file.filename} to your direct messages with me.`;
  } catch (err) {
    logger.warn({ error: slackErrorCode(err) ?? String(err) }, 'could not send a file');
    return `I could not send ${file.filename}; please try again.`;
  }
}
