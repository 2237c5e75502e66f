import { PermissionFlagsBits } from 'discord.js';
import { ConfigError } from '../../src/errors.js';

export type PermissionName = keyof typeof PermissionFlagsBits;

/** The bit of a discord.js PermissionFlagsBits name (DISCORD_MANAGE_PERMISSION), or a ConfigError naming the choices. */
export function permissionBit(name: string): bigint {
  if (Object.hasOwn(PermissionFlagsBits, name)) return PermissionFlagsBits[name as PermissionName];
  throw new ConfigError(
    `DISCORD_MANAGE_PERMISSION: "${name}" is not a Discord permission. Use a PermissionFlagsBits name such as ManageChannels, ManageGuild or ManageMessages.`,
  );
}

/**
 * Whether an interaction's permission bitfield (member.permissions, a decimal
 * string computed by Discord for the channel, overwrites included) holds `bit`.
 * Administrators hold every permission.
 */
export function hasPermission(bitfield: string | undefined, bit: bigint): boolean {
  if (!bitfield || !/^\d+$/.test(bitfield)) return false;
  const perms = BigInt(bitfield);
  return (perms & PermissionFlagsBits.Administrator) !== 0n || (perms & bit) === bit;
}
