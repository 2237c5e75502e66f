import type { App } from '@slack/bolt';
import type { Logger } from 'pino';
import type { ChannelRef } from '../../src/chat/port.js';
import type { CommandContext, CommandHandler } from '../../src/commands/types.js';
import { sendFileNotice } from './files.js';
import { openSubscribeForm } from './interactive.js';
import { recentIds } from './recent-ids.js';
import { renderReply } from './render-reply.js';

export interface ListenerDeps {
  commands: CommandHandler;
  /** "/papers" unless the app was created with another command name. */
  commandName: string;
  /** Seconds from the command reaching the listener to its acknowledgement. */
  onAck?: (seconds: number) => void;
  /** Set when the app has interactivity: `/papers` alone and `/papers subscribe` alone open the subscribe form. */
  forms?: boolean;
  logger: Logger;
}

/** `/papers` with nothing, or `subscribe` with no rule: the form asks for the rule instead. */
export function opensForm(text: string): boolean {
  const t = text.trim();
  return t === '' || /^subscribe$/i.test(t);
}

/** "<@U0BOT> similar" → "similar": the command is whatever follows the mention(s). */
export function textAfterMention(text: string): string {
  return text.replace(/^\s*(?:<@[A-Z0-9]+(?:\|[^>]*)?>\s*)+/i, '').trim();
}

/**
 * `/papers …` and mentions in a paper's thread both go to the core command
 * layer. Reactions and thread replies (feedback) are in feedback-listeners.ts.
 */
export function registerListeners(app: App, deps: ListenerDeps): void {
  app.command(deps.commandName, async ({ command, ack, respond, client }) => {
    // Acknowledge first: Slack gives 3 seconds, and a digest can take longer.
    const received = performance.now();
    await ack();
    deps.onAck?.((performance.now() - received) / 1000);
    const channel: ChannelRef = { platform: 'slack', workspaceId: command.team_id, channelId: command.channel_id };
    const text = command.text ?? '';
    // The trigger lives 3 s from the command: open the form before anything slow. If Slack says no, answer in text.
    if (deps.forms && opensForm(text)) {
      if (await openSubscribeForm(client, command.trigger_id, { teamId: command.team_id, channelId: command.channel_id }, deps.logger)) return;
    }
    const ctx: CommandContext = { channel, userId: command.user_id, userName: command.user_name || null, canManage: true, threadId: null };
    const reply = await deps.commands.handle(ctx, text);
    const rendered = renderReply(reply);
    await respond({ response_type: reply.ephemeral ? 'ephemeral' : 'in_channel', text: rendered.text, blocks: rendered.blocks });
    if (reply.attachment) await respond({ response_type: 'ephemeral', text: await sendFileNotice(client, command.user_id, reply.attachment, deps.logger) });
  });

  const seenMention = recentIds(500);
  app.event('app_mention', async ({ event, body, client }) => {
    if (seenMention(body.event_id)) return;
    const threadTs = event.thread_ts ?? null;
    const channel: ChannelRef = { platform: 'slack', workspaceId: body.team_id ?? event.team ?? '', channelId: event.channel };
    const ctx: CommandContext = { channel, userId: event.user ?? '', userName: null, canManage: true, threadId: threadTs };
    const reply = await deps.commands.handle(ctx, textAfterMention(event.text));
    const rendered = renderReply(reply);
    // Answer where the question was asked: in the paper's thread, or a new thread under the mention.
    await client.chat.postMessage({
      channel: event.channel,
      thread_ts: threadTs ?? event.ts,
      text: rendered.text,
      blocks: rendered.blocks,
      unfurl_links: false,
    });
    // A reading list is the person's own: its file goes to their direct messages, not into the thread.
    if (reply.attachment && event.user) await sendFileNotice(client, event.user, reply.attachment, deps.logger);
  });
}
