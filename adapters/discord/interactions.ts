import { ComponentType, MessageFlags, Routes, TextInputStyle, type REST } from 'discord.js';
import type { Logger } from 'pino';
import { textReply, type Reply } from '../../src/chat/reply.js';
import { findCommand } from '../../src/commands/registry.js';
import { previewLines } from '../../src/commands/rule-preview.js';
import type { CommandContext, CommandHandler } from '../../src/commands/types.js';
import { CHOICE_CHARS, MAX_CHOICES, type Choice, type Interactions } from '../../src/interact/types.js';
import { AUTOCOMPLETE } from './command-definition.js';
import { RULE_INPUT_ID, SUBSCRIBE_MODAL_ID, parsePaperCustomId } from './components.js';
import { contextOf, isManaging, mapCommand } from './interaction-context.js';
import { interactionSchema, InteractionKind, ResponseKind, type Interaction } from './interaction-schema.js';
import { renderReply, type ReplyBody } from './render-reply.js';

/**
 * Subcommands that may take longer than Discord's 3 seconds, the expensive
 * ones (digest, more, preview, similar): always deferred at once, so the
 * acknowledgement never waits for them (nor for their turn in the work line).
 */
const slow = (subcommand: string): boolean => findCommand(subcommand)?.expensive !== undefined;
/** Autocomplete cannot be deferred: past this, answer no suggestions rather than none at all. */
const AUTOCOMPLETE_BUDGET_MS = 2500;

export interface ModalBody {
  custom_id: string;
  title: string;
  components: {
    type: ComponentType.ActionRow;
    components: {
      type: ComponentType.TextInput;
      custom_id: string;
      label: string;
      style: TextInputStyle;
      min_length: number;
      max_length: number;
      required: boolean;
      placeholder: string;
    }[];
  }[];
}

export type InteractionResponse =
  | { type: typeof ResponseKind.Pong }
  | { type: typeof ResponseKind.Message; data: ReplyBody }
  | { type: typeof ResponseKind.Deferred; data: { flags: number } }
  | { type: typeof ResponseKind.AutocompleteResult; data: { choices: Choice[] } }
  | { type: typeof ResponseKind.Modal; data: ModalBody };

/** Sends the initial response: over the HTTP response (HTTP mode) or the callback endpoint (gateway). */
export type InitialResponder = (response: InteractionResponse, interaction: Pick<Interaction, 'id' | 'token'>) => Promise<void>;

export interface InteractionDeps {
  commands: CommandHandler;
  /** Buttons, autocomplete and the subscribe form; without it those interactions get a short refusal. */
  interactions?: Interactions;
  rest: REST;
  logger: Logger;
  managePermission: bigint;
  /** Its display name for refusals, e.g. "Manage Channels". */
  managePermissionLabel: string;
  /** A fast command still running after this long is deferred; Discord allows 3 s. */
  deferAfterMs?: number;
  /** Seconds from a /papers interaction reaching the handler to its initial response. */
  onAck?: (seconds: number) => void;
}

export type InteractionHandler = (raw: unknown, respond: InitialResponder) => Promise<void>;

const SUBSCRIBE_MODAL: ModalBody = {
  custom_id: SUBSCRIBE_MODAL_ID,
  title: 'Subscribe this channel',
  components: [
    {
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.TextInput,
          custom_id: RULE_INPUT_ID,
          label: 'Rule',
          style: TextInputStyle.Short,
          min_length: 1,
          max_length: 200,
          required: true,
          placeholder: 'e.g. pruning -survey, or "graph neural network"',
        },
      ],
    },
  ],
};

/** The handlers both transports share: parse → context → core → Discord reply. */
export function createInteractionHandler(deps: InteractionDeps): InteractionHandler {
  const deferAfterMs = deps.deferAfterMs ?? 2000;
  const deferred = { type: ResponseKind.Deferred, data: { flags: MessageFlags.Ephemeral } } as const;

  /** One slash command may be several core commands (emoji with both lists): one reply, stopping at the first refusal. */
  async function run(m: { ctx: CommandContext; texts: string[] }): Promise<Reply> {
    let merged: Reply | null = null;
    for (const text of m.texts) {
      const r = await deps.commands.handle(m.ctx, text);
      merged = merged ? { ok: r.ok, ephemeral: merged.ephemeral && r.ephemeral, blocks: [...merged.blocks, ...r.blocks] } : r;
      if (!r.ok) break;
    }
    return merged ?? textReply('Nothing to do.', { ok: false });
  }

  async function editOriginal(i: Interaction, reply: Reply): Promise<void> {
    // A deferred reply's visibility was fixed when it was deferred; flags cannot change it.
    const { flags: _flags, ...body } = renderReply(reply);
    const file = reply.attachment;
    const route = Routes.webhookMessage(i.application_id, i.token, '@original');
    if (!file) {
      await deps.rest.patch(route, { body, auth: false });
      return;
    }
    await deps.rest.patch(route, {
      body: { ...body, attachments: [{ id: 0, filename: file.filename }] },
      files: [{ name: file.filename, data: Buffer.from(file.content, 'utf8'), contentType: 'text/plain; charset=utf-8' }],
      auth: false,
    });
  }

  /**
   * Answer within Discord's 3 s: at once when the reply is ready in time,
   * otherwise (or for a file, which only a follow-up can carry) deferred and edited.
   */
  async function answer(i: Interaction, pending: Promise<Reply>, respond: InitialResponder, slow = false): Promise<void> {
    if (!slow) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), deferAfterMs);
      });
      const first = await Promise.race([pending, late]);
      clearTimeout(timer);
      if (first !== 'late' && !first.attachment) return respond({ type: ResponseKind.Message, data: renderReply(first) }, i);
    }
    await respond(deferred, i);
    return editOriginal(i, await pending);
  }

  async function suggestions(i: Interaction): Promise<Choice[]> {
    const sub = i.data?.options?.[0];
    const focused = sub?.options?.find((o) => o.focused);
    const field = sub && focused ? AUTOCOMPLETE[sub.name]?.[focused.name] : undefined;
    const place = contextOf(i, deps.managePermission);
    if (!field || !place.ok || !deps.interactions) return [];
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<Choice[]>((resolve) => {
      timer = setTimeout(() => resolve([]), AUTOCOMPLETE_BUDGET_MS);
    });
    const choices = await Promise.race([deps.interactions.complete(place.ctx, field, String(focused?.value ?? '')), late]);
    clearTimeout(timer);
    return choices.slice(0, MAX_CHOICES).map((c) => ({ name: c.name.slice(0, CHOICE_CHARS), value: c.value.slice(0, CHOICE_CHARS) }));
  }

  /** The form's submit: the preview of the rule, then the subscribe itself. */
  async function subscribeFromForm(ctx: CommandContext, rule: string, interactions: Interactions): Promise<Reply> {
    const preview = await interactions.previewRule(rule);
    if (!preview.ok) return { ok: false, ephemeral: true, blocks: [{ kind: 'text', lines: preview.lines }] };
    const subscribed = await deps.commands.handle(ctx, `subscribe ${rule}`);
    if (!subscribed.ok) return subscribed;
    return { ...subscribed, blocks: [...subscribed.blocks, { kind: 'text', lines: previewLines(preview) }] };
  }

  return async (raw, respondNow) => {
    const received = performance.now();
    const respond: InitialResponder = async (response, interaction) => {
      await respondNow(response, interaction);
      if (response.type !== ResponseKind.Pong) deps.onAck?.((performance.now() - received) / 1000);
    };
    const parsed = interactionSchema.safeParse(raw);
    if (!parsed.success) {
      deps.logger.warn({ issues: parsed.error.issues.slice(0, 3) }, 'unreadable interaction');
      return;
    }
    const i = parsed.data;
    if (i.type === InteractionKind.Ping) return respond({ type: ResponseKind.Pong }, i);
    // Only people run commands: another bot (or a system user) gets no answer at all.
    const who = i.member?.user ?? i.user;
    if (who?.bot === true || who?.system === true) {
      deps.logger.debug({ user: who.id }, 'ignored an interaction from a bot');
      return;
    }
    const say = (reply: Reply) => respond({ type: ResponseKind.Message, data: renderReply(reply) }, i);

    if (i.type === InteractionKind.Autocomplete) {
      return respond({ type: ResponseKind.AutocompleteResult, data: { choices: await suggestions(i) } }, i);
    }

    if (i.type === InteractionKind.MessageComponent) {
      const press = parsePaperCustomId(i.data?.custom_id ?? '');
      const place = contextOf(i, deps.managePermission);
      if (!press || !i.message || !deps.interactions) return say(textReply('That button is not one of mine.', { ok: false }));
      if (!place.ok) return say(textReply(place.message, { ok: false }));
      // A press in a paper's thread (a forum post) is about the post, not the thread's commands.
      return answer(i, deps.interactions.press({ ...place.ctx, threadId: null }, { ...press, messageId: i.message.id }), respond);
    }

    if (i.type === InteractionKind.ModalSubmit) {
      const place = contextOf(i, deps.managePermission);
      const rule = i.data?.components?.flatMap((row) => row.components ?? []).find((c) => c.custom_id === RULE_INPUT_ID)?.value ?? '';
      if (i.data?.custom_id !== SUBSCRIBE_MODAL_ID || !deps.interactions) return say(textReply('That form is not one of mine.', { ok: false }));
      if (!place.ok) return say(textReply(place.message, { ok: false }));
      if (!place.ctx.canManage) return say(textReply(`Changing this channel's papers needs the ${deps.managePermissionLabel} permission here.`, { ok: false }));
      return answer(i, subscribeFromForm(place.ctx, rule, deps.interactions), respond);
    }

    if (i.type !== InteractionKind.ApplicationCommand || i.data?.name !== 'papers') return say(textReply('Unknown command.', { ok: false }));

    const mapped = mapCommand(i, deps.managePermission);
    if (!mapped.ok) return say(textReply(mapped.message, { ok: false }));
    if (isManaging(mapped.text) && !mapped.ctx.canManage) {
      return say(textReply(`Changing this channel's papers needs the ${deps.managePermissionLabel} permission here.`, { ok: false }));
    }
    // `/papers subscribe` with no rule, here: the form asks for it (another channel's has no form).
    const options = i.data.options?.[0]?.options ?? [];
    if (mapped.subcommand === 'subscribe' && deps.interactions && !options.some((o) => o.name === 'rule' || o.name === 'channel')) {
      return respond({ type: ResponseKind.Modal, data: SUBSCRIBE_MODAL }, i);
    }
    return answer(i, run(mapped), respond, slow(mapped.subcommand));
  };
}
