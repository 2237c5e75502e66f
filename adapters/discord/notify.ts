import { Routes, type REST } from 'discord.js';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { ChannelRef } from '../../src/chat/port.js';
import { NO_MENTIONS } from './render-message.js';
import { escapeMarkdown, fit } from './text.js';

/** A paused channel's subscribers are told by DM; a handful is enough to reach a server admin. */
const MAX_NOTIFIED = 5;

/**
 * Tell the people who subscribed the channel, once, by direct message: the
 * channel itself is what failed. Best effort: closed DMs are skipped.
 */
export async function notifyByDirectMessage(
  deps: { rest: REST; logger: Logger },
  channel: ChannelRef,
  reason: string,
  subscriberIds: readonly string[],
): Promise<void> {
  const content = fit(`Paperboy paused the paper digests of <#${channel.channelId}>: ${escapeMarkdown(reason)}`, 2000);
  for (const userId of [...new Set(subscriberIds)].filter((id) => /^\d+$/.test(id)).slice(0, MAX_NOTIFIED)) {
    try {
      const dm = z.object({ id: z.string() }).parse(await deps.rest.post(Routes.userChannels(), { body: { recipient_id: userId } }));
      await deps.rest.post(Routes.channelMessages(dm.id), { body: { content, allowed_mentions: NO_MENTIONS } });
    } catch (err) {
      deps.logger.warn({ err, userId, channel: channel.channelId }, 'could not tell a subscriber about the pause');
    }
  }
}
