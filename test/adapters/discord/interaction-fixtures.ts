import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { ChannelType, PermissionFlagsBits } from 'discord.js';
import { createInteractionHandler, type InteractionResponse } from '../../../adapters/discord/interactions.js';
import { createRest } from '../../../adapters/discord/rest.js';
import { silentLogger } from '../../../src/log.js';
import { textReply, type Reply } from '../../../src/chat/reply.js';
import type { CommandContext, CommandHandler } from '../../../src/commands/types.js';
import { snowflakeAt } from '../../support/fake-discord.js';
import { GUILD } from './helpers.js';

export const APP_ID = '800000000000000001';
export const MANAGER = String(PermissionFlagsBits.ManageChannels | PermissionFlagsBits.SendMessages);
export const MEMBER = String(PermissionFlagsBits.SendMessages | PermissionFlagsBits.ViewChannel);

export function testKeys(): { privateKey: KeyObject; publicHex: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const x = publicKey.export({ format: 'jwk' }).x ?? '';
  return { privateKey, publicHex: Buffer.from(x, 'base64url').toString('hex') };
}

export function signed(privateKey: KeyObject, body: string, timestamp = String(Math.floor(Date.now() / 1000))): Record<string, string> {
  return {
    'x-signature-ed25519': sign(null, Buffer.from(timestamp + body), privateKey).toString('hex'),
    'x-signature-timestamp': timestamp,
    'content-type': 'application/json',
  };
}

let n = 0;
/** A CHAT_INPUT interaction for `/papers <sub>` as Discord sends it. */
export function papersInteraction(
  sub: string,
  opts: {
    options?: Record<string, string>;
    permissions?: string;
    channel?: { id: string; type: number; parent_id?: string | null };
    guild?: boolean;
    resolved?: Record<string, unknown>;
  } = {},
): Record<string, unknown> {
  const data = {
    id: '400000000000000001',
    name: 'papers',
    type: 1,
    options: [{ name: sub, type: 1, options: Object.entries(opts.options ?? {}).map(([name, value]) => ({ name, type: name === 'channel' ? 7 : 3, value })) }],
    ...(opts.resolved ? { resolved: opts.resolved } : {}),
  };
  const { guild_id: _guild, member, ...rest } = guildInteraction(2, data, opts);
  return opts.guild === false ? { ...rest, user: (member as { user: unknown }).user } : { ...rest, guild_id: GUILD, member };
}

/** A command handler that records what it was asked, answering "ok: <text>" after `delayMs`. */
export function recordingHandler(delayMs = 0): CommandHandler & { calls: { ctx: CommandContext; text: string }[] } {
  const calls: { ctx: CommandContext; text: string }[] = [];
  return {
    calls,
    async handle(ctx, text): Promise<Reply> {
      calls.push({ ctx, text });
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      return textReply(`ok: ${text}`);
    },
  };
}

type ChannelOpt = { id: string; type: number; parent_id?: string | null };

/** The fields every guild interaction carries, for a given type and `data`. */
function guildInteraction(
  type: number,
  data: Record<string, unknown>,
  opts: { channel?: ChannelOpt; permissions?: string; userId?: string } = {},
): Record<string, unknown> {
  n += 1;
  const channel = opts.channel ?? { id: '600000000000000001', type: ChannelType.GuildText };
  return {
    // A snowflake made now: Discord's deadline for the first answer (3 s) runs from it.
    id: snowflakeAt(Date.now(), n),
    application_id: APP_ID,
    type,
    token: `interaction-token-${type}-${n}`,
    version: 1,
    entitlements: [],
    locale: 'en-US',
    app_permissions: '2248473465835073',
    authorizing_integration_owners: { '0': GUILD },
    context: 0,
    channel_id: channel.id,
    channel,
    guild_id: GUILD,
    member: { user: { id: opts.userId ?? '700000000000000001', username: 'ada', global_name: 'Ada' }, permissions: opts.permissions ?? MANAGER },
    data,
  };
}

/** A button press (type 3) on a message, as Discord sends MESSAGE_COMPONENT. */
export function componentInteraction(
  customId: string,
  messageId: string,
  opts: { channel?: ChannelOpt; permissions?: string; userId?: string } = {},
): Record<string, unknown> {
  return {
    ...guildInteraction(3, { custom_id: customId, component_type: 2 }, opts),
    message: { id: messageId, channel_id: opts.channel?.id ?? '600000000000000001', type: 0, content: '', embeds: [], components: [] },
  };
}

/** Autocomplete (type 4): `option` of `/papers <sub>` is focused with `value` typed so far. */
export function autocompleteInteraction(
  sub: string,
  option: string,
  value: string,
  opts: { channel?: ChannelOpt; permissions?: string; others?: Record<string, string> } = {},
): Record<string, unknown> {
  const others = Object.entries(opts.others ?? {}).map(([name, v]) => ({ name, type: 3, value: v }));
  return guildInteraction(
    4,
    {
      id: '400000000000000001',
      name: 'papers',
      type: 1,
      options: [{ name: sub, type: 1, options: [...others, { name: option, type: 3, value, focused: true }] }],
    },
    opts,
  );
}

/** A modal submitted (type 5) with its text inputs' values by custom_id. */
export function modalSubmitInteraction(
  customId: string,
  values: Record<string, string>,
  opts: { channel?: ChannelOpt; permissions?: string } = {},
): Record<string, unknown> {
  return guildInteraction(
    5,
    { custom_id: customId, components: Object.entries(values).map(([id, value]) => ({ type: 1, components: [{ type: 4, custom_id: id, value }] })) },
    opts,
  );
}

/** The shared interaction handler with a recording core, answering into `responses` (no transport, no REST calls made). */
export function directHandler() {
  const commands = recordingHandler();
  const handle = createInteractionHandler({
    commands,
    rest: createRest('unused', 'http://127.0.0.1:9/api'),
    logger: silentLogger(),
    managePermission: PermissionFlagsBits.ManageChannels,
    managePermissionLabel: 'Manage Channels',
  });
  const responses: InteractionResponse[] = [];
  return { commands, responses, run: (raw: unknown) => handle(raw, async (r) => void responses.push(r)) };
}
