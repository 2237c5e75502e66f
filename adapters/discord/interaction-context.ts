import { ChannelType, PermissionFlagsBits } from 'discord.js';
import type { CommandContext } from '../../src/commands/types.js';
import { commandTexts } from './command-text.js';
import type { Interaction } from './interaction-schema.js';
import { hasPermission } from './permissions.js';

const THREAD_TYPES: ReadonlySet<number> = new Set([ChannelType.PublicThread, ChannelType.PrivateThread, ChannelType.AnnouncementThread]);

/** `texts` are run in order (one slash command can be two core commands); `text` is the first. */
export type MappedCommand = { ok: true; subcommand: string; ctx: CommandContext; text: string; texts: string[] } | { ok: false; message: string };

/**
 * A `/papers` interaction as the core's command context and text.
 * Inside a thread (a paper's thread, or a forum post) the channel is the
 * thread's parent, so a forum's rules are managed from its posts, and the
 * thread id tells thread subcommands which paper is meant. A `channel`
 * option acts on that channel, with the permissions Discord computed there,
 * and only for a member who can view it: reading another channel's rules is
 * reading that channel.
 */
export function mapCommand(i: Interaction, managePermission: bigint): MappedCommand {
  const sub = i.data?.options?.[0];
  if (!sub) return { ok: false, message: 'Use /papers with a subcommand, e.g. /papers help.' };
  if (!i.guild_id || !i.member) return { ok: false, message: '/papers works in a server channel, not in direct messages.' };
  const opts = new Map((sub.options ?? []).map((o) => [o.name, o.value] as const));

  const place = placeOf(i);
  if (!place) return { ok: false, message: 'Discord did not say which channel this came from; try again.' };
  const { here, inThread } = place;
  let channelId = place.channelId;
  let permissions = i.member.permissions;

  const target = opts.get('channel');
  if (typeof target === 'string') {
    const resolved = i.data?.resolved?.channels?.[target];
    if (!resolved || !hasPermission(resolved.permissions, PermissionFlagsBits.ViewChannel)) {
      return {
        ok: false,
        message: 'You cannot see that channel (no View Channel permission there), so /papers will not show or change anything in it for you.',
      };
    }
    channelId = THREAD_TYPES.has(resolved.type) && resolved.parent_id ? resolved.parent_id : target;
    // The member's rights in the named channel, not where they typed.
    permissions = resolved.permissions;
  }

  const texts = commandTexts(sub.name, new Map([...opts].filter((e): e is [string, string | number | boolean] => e[1] !== undefined)));
  const ctx: CommandContext = {
    channel: { platform: 'discord', workspaceId: i.guild_id, channelId },
    userId: i.member.user.id,
    userName: i.member.user.global_name ?? i.member.user.username,
    canManage: hasPermission(permissions, managePermission),
    threadId: inThread && typeof target !== 'string' ? here.id : null,
  };
  return { ok: true, subcommand: sub.name, ctx, text: texts[0] ?? sub.name, texts };
}

/** Where an interaction happened: a thread's parent is the channel; the thread itself tells which paper. */
function placeOf(i: Interaction): { here: { id: string; type: number; parent_id?: string | null | undefined }; inThread: boolean; channelId: string } | null {
  const here = i.channel ?? (i.channel_id ? { id: i.channel_id, type: ChannelType.GuildText, parent_id: null } : null);
  if (!here) return null;
  const inThread = THREAD_TYPES.has(here.type) && Boolean(here.parent_id);
  return { here, inThread, channelId: inThread ? (here.parent_id ?? here.id) : here.id };
}

/**
 * The command context of a button press, an autocomplete request or a modal
 * submit: the channel it happened in (a thread's parent), with the member's
 * permissions there. Not in direct messages.
 */
export function contextOf(i: Interaction, managePermission: bigint): { ok: true; ctx: CommandContext } | { ok: false; message: string } {
  if (!i.guild_id || !i.member) return { ok: false, message: 'Paperboy works in a server channel, not in direct messages.' };
  const place = placeOf(i);
  if (!place) return { ok: false, message: 'Discord did not say which channel this came from; try again.' };
  return {
    ok: true,
    ctx: {
      channel: { platform: 'discord', workspaceId: i.guild_id, channelId: place.channelId },
      userId: i.member.user.id,
      userName: i.member.user.global_name ?? i.member.user.username,
      canManage: hasPermission(i.member.permissions, managePermission),
      threadId: place.inThread ? place.here.id : null,
    },
  };
}

export { isManaging } from '../../src/commands/registry.js';
