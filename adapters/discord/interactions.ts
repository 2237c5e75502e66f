import { MessageFlags, Routes, type REST } from 'discord.js';
import type { Logger } from 'pino';
import { textReply, type Reply } from '../../src/chat/reply.js';
import type { CommandHandler } from '../../src/commands/types.js';
import { isManaging, mapCommand } from './interaction-context.js';
import { interactionSchema, InteractionKind, ResponseKind, type Interaction } from './interaction-schema.js';
import { renderReply, type ReplyBody } from './render-reply.js';

/** Subcommands that may take longer than Discord's 3 seconds: always deferred. */
const SLOW = new Set(['digest', 'more', 'preview']);

export type InteractionResponse =
  | { type: typeof ResponseKind.Pong }
  | { type: typeof ResponseKind.Message; data: ReplyBody }
  | { type: typeof ResponseKind.Deferred; data: { flags: number } };

/** Sends the initial response: over the HTTP response (HTTP mode) or the callback endpoint (gateway). */
export type InitialResponder = (response: InteractionResponse, interaction: Pick<Interaction, 'id' | 'token'>) => Promise<void>;

export interface InteractionDeps {
  commands: CommandHandler;
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

/** The handlers both transports share: parse → context → core command → Discord reply. */
export function createInteractionHandler(deps: InteractionDeps): InteractionHandler {
  const deferAfterMs = deps.deferAfterMs ?? 2000;

  /** One slash command may be several core commands (emoji with both lists): one reply, stopping at the first refusal. */
  async function run(m: { ctx: Parameters<CommandHandler['handle']>[0]; texts: string[] }): Promise<Reply> {
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
    await deps.rest.patch(Routes.webhookMessage(i.application_id, i.token, '@original'), { body, auth: false });
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
    const say = (reply: Reply) => respond({ type: ResponseKind.Message, data: renderReply(reply) }, i);
    if (i.type !== InteractionKind.ApplicationCommand || i.data?.name !== 'papers') return say(textReply('Unknown command.', { ok: false }));

    const mapped = mapCommand(i, deps.managePermission);
    if (!mapped.ok) return say(textReply(mapped.message, { ok: false }));
    if (isManaging(mapped.text) && !mapped.ctx.canManage) {
      return say(textReply(`Changing this channel's papers needs the ${deps.managePermissionLabel} permission here.`, { ok: false }));
    }

    const deferred = { type: ResponseKind.Deferred, data: { flags: MessageFlags.Ephemeral } } as const;
    const pending = run(mapped);
    if (SLOW.has(mapped.subcommand)) {
      await respond(deferred, i);
      return editOriginal(i, await pending);
    }
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), deferAfterMs);
    });
    const first = await Promise.race([pending, late]);
    clearTimeout(timer);
    if (first !== 'late') return say(first);
    await respond(deferred, i);
    return editOriginal(i, await pending);
  };
}
