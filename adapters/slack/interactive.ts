import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { ChannelRef } from '../../src/chat/port.js';
import { lineText, type Reply } from '../../src/chat/reply.js';
import type { CommandContext, CommandHandler } from '../../src/commands/types.js';
import type { Interactions } from '../../src/interact/types.js';
import { ACTION, PAPER_ACTION_PATTERN, RULE_BLOCK, SUBSCRIBE_CALLBACK, paperActionOf } from './actions.js';
import { slackErrorCode } from './errors.js';
import { renderReply } from './render-reply.js';
import { homeView, subscribeModal, type ModalChannel } from './views.js';

export interface InteractiveDeps {
  commands: CommandHandler;
  interactions: Interactions;
  logger: Logger;
  /** May this person change this channel's rules? As for `/papers` (SLACK_MANAGERS); false when Slack cannot say. */
  canManage: (userId: string, channel: ChannelRef) => Promise<boolean>;
  /** Who may, in words, for refusals. */
  managers?: string;
}

/*
 * The payloads Paperboy reads, parsed at the edge (Bolt types them loosely:
 * `container` is any object). Everything else in them is ignored.
 */
const buttonPress = z.object({
  user: z.object({ id: z.string().min(1), username: z.string().optional(), name: z.string().optional(), team_id: z.string().optional() }),
  team: z.object({ id: z.string().min(1) }).nullish(),
  channel: z.object({ id: z.string().min(1) }).optional(),
  container: z.object({ message_ts: z.string().optional(), channel_id: z.string().optional() }).passthrough(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional() })).min(1),
});

const viewState = z.object({
  id: z.string(),
  hash: z.string(),
  private_metadata: z.string(),
  state: z.object({ values: z.record(z.string(), z.record(z.string(), z.object({ value: z.string().nullish() }))) }),
});
const modalAction = z.object({
  user: z.object({ id: z.string().min(1) }),
  view: viewState,
  actions: z.array(z.object({ action_id: z.string(), value: z.string().nullish() })).min(1),
});
const modalSubmit = z.object({ user: z.object({ id: z.string().min(1), name: z.string().optional() }), view: viewState });
const metadata = z.object({ t: z.string().min(1), c: z.string().min(1) });
const homeOpened = z.object({ user: z.string().min(1), tab: z.string().optional() });

function teamOf(body: z.infer<typeof buttonPress>): string {
  return body.team?.id ?? body.user.team_id ?? '';
}

function ruleValue(view: z.infer<typeof viewState>): string {
  return view.state.values[RULE_BLOCK]?.[ACTION.ruleInput]?.value ?? '';
}

function channelOf(view: z.infer<typeof viewState>): ModalChannel | null {
  try {
    const m = metadata.parse(JSON.parse(view.private_metadata));
    return { teamId: m.t, channelId: m.c };
  } catch {
    return null;
  }
}

/** A reply as plain text for a modal's inline error (Slack shows it under the input). */
function errorText(reply: Reply): string {
  const text = reply.blocks.flatMap((b) => (b.kind === 'text' ? b.lines.map(lineText) : [])).join(' ');
  return text.length <= 300 ? text : `${text.slice(0, 299)}…`;
}

/** Open the subscribe form from `/papers` or `/papers subscribe`; false when Slack would not (an old trigger). */
export async function openSubscribeForm(client: WebClient, triggerId: string, where: ModalChannel, log: Logger): Promise<boolean> {
  try {
    await client.views.open({ trigger_id: triggerId, view: subscribeModal(where) });
    return true;
  } catch (err) {
    log.warn({ error: slackErrorCode(err) ?? String(err) }, 'could not open the subscribe form');
    return false;
  }
}

/**
 * Buttons on paper posts, the subscribe form (live preview, submit) and the
 * Home tab. Answers to a press go to the presser only (response_url,
 * ephemeral); the form's errors show inline (response_action: errors).
 */
export function registerInteractiveListeners(app: App, deps: InteractiveDeps): void {
  const log = deps.logger.child({ platform: 'slack', component: 'interactive' });

  app.action({ type: 'block_actions', action_id: PAPER_ACTION_PATTERN }, async ({ ack, body, respond }) => {
    await ack();
    const parsed = buttonPress.safeParse(body);
    const action = parsed.success ? paperActionOf(parsed.data.actions[0]?.action_id ?? '') : null;
    const channelId = parsed.success ? (parsed.data.channel?.id ?? parsed.data.container.channel_id) : undefined;
    const messageTs = parsed.success ? parsed.data.container.message_ts : undefined;
    if (!parsed.success || !action || !channelId || !messageTs) {
      log.warn({ issues: parsed.success ? null : parsed.error.issues.slice(0, 3) }, 'unreadable button press');
      return;
    }
    const p = parsed.data;
    const channel: ChannelRef = { platform: 'slack', workspaceId: teamOf(p), channelId };
    const ctx: CommandContext = {
      channel,
      userId: p.user.id,
      userName: p.user.username ?? p.user.name ?? null,
      // A press (a vote, Why?, Cite, Save) changes no channel setting: nobody is asked who the person is.
      canManage: false,
      threadId: null,
    };
    const reply = await deps.interactions.press(ctx, { action, paperId: p.actions[0]?.value ?? '', messageId: messageTs });
    const rendered = renderReply(reply);
    await respond({ response_type: 'ephemeral', replace_original: false, text: rendered.text, blocks: rendered.blocks });
  });

  app.action({ type: 'block_actions', action_id: ACTION.ruleInput }, async ({ ack, body, client }) => {
    await ack();
    const parsed = modalAction.safeParse(body);
    if (!parsed.success) return;
    const { view } = parsed.data;
    const where = channelOf(view);
    if (!where) return;
    const typed = parsed.data.actions[0]?.value ?? ruleValue(view);
    const preview = typed.trim() ? await deps.interactions.previewRule(typed) : null;
    try {
      // The hash makes Slack refuse an update based on an older view: a faster keystroke's preview wins.
      await client.views.update({ view_id: view.id, hash: view.hash, view: subscribeModal(where, preview) });
    } catch (err) {
      const code = slackErrorCode(err);
      if (code !== 'hash_conflict') log.warn({ error: code ?? String(err) }, 'could not update the subscribe preview');
    }
  });

  app.view(SUBSCRIBE_CALLBACK, async ({ ack, body, client }) => {
    const parsed = modalSubmit.safeParse(body);
    const where = parsed.success ? channelOf(parsed.data.view) : null;
    if (!parsed.success || !where) {
      await ack({ response_action: 'errors', errors: { [RULE_BLOCK]: 'This form lost track of its channel; run /papers subscribe again.' } });
      return;
    }
    const channel: ChannelRef = { platform: 'slack', workspaceId: where.teamId, channelId: where.channelId };
    const userId = parsed.data.user.id;
    const ctx: CommandContext = {
      channel,
      userId,
      userName: parsed.data.user.name ?? null,
      canManage: await deps.canManage(userId, channel),
      ...(deps.managers ? { managers: deps.managers } : {}),
      threadId: null,
    };
    // Subscribing takes milliseconds, well within Slack's 3 s: a refusal can then show on the form itself.
    const reply = await deps.commands.handle(ctx, `subscribe ${ruleValue(parsed.data.view)}`);
    if (!reply.ok) {
      await ack({ response_action: 'errors', errors: { [RULE_BLOCK]: errorText(reply) } });
      return;
    }
    await ack();
    const rendered = renderReply(reply);
    await client.chat
      .postEphemeral({ channel: where.channelId, user: userId, text: rendered.text, blocks: rendered.blocks })
      .catch((err: unknown) => log.warn({ error: slackErrorCode(err) ?? String(err) }, 'could not confirm a subscribe from the form'));
  });

  async function publishHome(client: WebClient, teamId: string, userId: string): Promise<void> {
    const model = await deps.interactions.home({ platform: 'slack', workspaceId: teamId }, userId);
    await client.views.publish({
      user_id: userId,
      view: homeView(model, await deps.canManage(userId, { platform: 'slack', workspaceId: teamId, channelId: '' })),
    });
  }

  app.event('app_home_opened', async ({ event, body, client }) => {
    const parsed = homeOpened.safeParse(event);
    if (!parsed.success || (parsed.data.tab !== undefined && parsed.data.tab !== 'home')) return;
    await publishHome(client, body.team_id ?? '', parsed.data.user).catch((err: unknown) =>
      log.warn({ error: slackErrorCode(err) ?? String(err) }, 'could not publish the Home tab'),
    );
  });

  const homePress = z.object({
    user: z.object({ id: z.string().min(1), team_id: z.string().optional() }),
    team: z.object({ id: z.string() }).nullish(),
    actions: z.array(z.object({ action_id: z.string(), value: z.string() })).min(1),
  });
  const removeValue = z.object({ c: z.string().min(1), r: z.number().int().positive() });

  app.action({ type: 'block_actions', action_id: ACTION.homeCite }, async ({ ack, body, client }) => {
    await ack();
    const parsed = homePress.safeParse(body);
    if (!parsed.success) return;
    const p = parsed.data;
    const teamId = p.team?.id ?? p.user.team_id ?? '';
    // Home has no channel and no response_url: the entry goes to the person's direct messages with the app.
    const ctx: CommandContext = {
      channel: { platform: 'slack', workspaceId: teamId, channelId: p.user.id },
      userId: p.user.id,
      userName: null,
      canManage: false,
      threadId: null,
    };
    const rendered = renderReply(await deps.commands.handle(ctx, `cite ${p.actions[0]?.value ?? ''}`));
    await client.chat.postMessage({ channel: p.user.id, text: rendered.text, blocks: rendered.blocks });
  });

  app.action({ type: 'block_actions', action_id: ACTION.homeRemove }, async ({ ack, body, client }) => {
    await ack();
    const parsed = homePress.safeParse(body);
    if (!parsed.success) return;
    const p = parsed.data;
    const teamId = p.team?.id ?? p.user.team_id ?? '';
    let target: z.infer<typeof removeValue>;
    try {
      target = removeValue.parse(JSON.parse(p.actions[0]?.value ?? ''));
    } catch {
      log.warn('unreadable remove button value');
      return;
    }
    const channel: ChannelRef = { platform: 'slack', workspaceId: teamId, channelId: target.c };
    const ctx: CommandContext = {
      channel,
      userId: p.user.id,
      userName: null,
      canManage: await deps.canManage(p.user.id, channel),
      ...(deps.managers ? { managers: deps.managers } : {}),
      threadId: null,
    };
    const reply = await deps.interactions.removeOwnRule(ctx, target.r);
    if (!reply.ok) {
      const rendered = renderReply(reply);
      await client.chat.postMessage({ channel: p.user.id, text: rendered.text, blocks: rendered.blocks });
    }
    await publishHome(client, teamId, p.user.id);
  });
}
