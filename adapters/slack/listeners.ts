import type { App } from '@slack/bolt';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { ChannelRef } from '../../src/chat/port.js';
import { textReply, type Reply } from '../../src/chat/reply.js';
import { isManaging } from '../../src/commands/registry.js';
import type { CommandContext, CommandHandler } from '../../src/commands/types.js';
import { slackErrorCode } from './errors.js';
import { sendFileNotice } from './files.js';
import { openSubscribeForm } from './interactive.js';
import type { ManagerPolicy } from './managers.js';
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
  /** SLACK_MANAGERS: who may change a channel. */
  managers: ManagerPolicy;
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

const mentionSchema = z.object({
  user: z.string().min(1),
  text: z.string(),
  ts: z.string().min(1),
  channel: z.string().min(1),
  thread_ts: z.string().optional(),
  team: z.string().optional(),
  bot_id: z.string().optional(),
  subtype: z.string().optional(),
});
export type Mention = z.infer<typeof mentionSchema>;

/**
 * The mention as a person's command, or null: other bots and integrations
 * (`bot_id`, `subtype: bot_message`), Paperboy itself and events naming no
 * user never run a command, whatever their text says.
 */
export function personMention(event: unknown, botUserId: string | undefined): Mention | null {
  const parsed = mentionSchema.safeParse(event);
  if (!parsed.success) return null;
  const m = parsed.data;
  if (m.bot_id !== undefined || m.subtype === 'bot_message' || m.user === botUserId) return null;
  return m;
}

/** The refusal when Slack answers users.info with missing_scope. */
export const MISSING_USERS_READ =
  'I cannot check who may change this channel: the Paperboy app in this workspace lacks the `users:read` scope (missing_scope). ' +
  'A workspace admin can reinstall the app (from the current slack-manifest.yaml, or /slack/install for a hosted Paperboy) to grant it. Nothing was changed.';

/**
 * `/papers …` and mentions in a paper's thread both go to the core command
 * layer. Reactions and thread replies (feedback) are in feedback-listeners.ts.
 */
export function registerListeners(app: App, deps: ListenerDeps): void {
  const log = deps.logger.child({ platform: 'slack', component: 'commands' });

  /**
   * Run a command as `base.userId`. Only a managing command asks Slack who
   * the person is (SLACK_MANAGERS); reading commands are open to everyone.
   */
  async function run(base: Omit<CommandContext, 'canManage' | 'managers'>, text: string): Promise<Reply> {
    let canManage = false;
    if (isManaging(text)) {
      try {
        canManage = await deps.managers.mayManage(base.channel.workspaceId, base.userId);
      } catch (err) {
        const code = slackErrorCode(err);
        log.warn({ error: code ?? (err instanceof Error ? err.message : String(err)), user: base.userId }, 'users.info failed');
        // Retrying cannot help an install that predates the users:read scope: say what fixes it.
        if (code === 'missing_scope') return textReply(MISSING_USERS_READ, { ok: false });
        return textReply('I could not check your Slack account just now, so nothing was changed. Please try again in a moment.', { ok: false });
      }
    }
    return deps.commands.handle({ ...base, canManage, managers: deps.managers.who }, text);
  }

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
    const reply = await run({ channel, userId: command.user_id, userName: command.user_name || null, threadId: null }, text);
    const rendered = renderReply(reply);
    // Acknowledged already: a response_url that is missing, expired or unreachable costs this answer, nothing more.
    try {
      if (typeof respond !== 'function') throw new Error('the command came with no response_url');
      await respond({ response_type: reply.ephemeral ? 'ephemeral' : 'in_channel', text: rendered.text, blocks: rendered.blocks });
      if (reply.attachment) await respond({ response_type: 'ephemeral', text: await sendFileNotice(client, command.user_id, reply.attachment, deps.logger) });
    } catch (err) {
      log.warn({ error: err instanceof Error ? err.message : String(err), user: command.user_id }, 'could not answer a command through its response_url');
    }
  });

  const seenMention = recentIds(500);
  app.event('app_mention', async ({ event: raw, body, client, context }) => {
    const event = personMention(raw, context.botUserId);
    if (!event || seenMention(body.event_id)) return;
    const threadTs = event.thread_ts ?? null;
    const channel: ChannelRef = { platform: 'slack', workspaceId: body.team_id ?? event.team ?? '', channelId: event.channel };
    const reply = await run({ channel, userId: event.user, userName: null, threadId: threadTs }, textAfterMention(event.text));
    const rendered = renderReply(reply);
    // Answer where the question was asked: in the paper's thread, or a new thread under the mention.
    const answered = await client.chat
      .postMessage({ channel: event.channel, thread_ts: threadTs ?? event.ts, text: rendered.text, blocks: rendered.blocks, unfurl_links: false })
      .then(() => true)
      .catch((err: unknown) => {
        log.warn({ error: slackErrorCode(err) ?? String(err), channel: event.channel }, 'could not answer a mention');
        return false;
      });
    // A reading list is the person's own: its file goes to their direct messages, not into the thread.
    if (answered && reply.attachment) await sendFileNotice(client, event.user, reply.attachment, deps.logger);
  });
}
