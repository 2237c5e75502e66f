import { Routes } from 'discord.js';
import { z } from 'zod';
import { papersCommand } from './command-definition.js';
import { permissionBit } from './permissions.js';
import { createRest } from './rest.js';

export interface RegisterOptions {
  token: string;
  applicationId: string;
  /** Register to one guild (shows at once) instead of globally (may take up to an hour). */
  guildId?: string;
  apiUrl?: string;
  /** PermissionFlagsBits name declared as default_member_permissions; default ManageChannels. */
  managePermission?: string;
}

/** `paperboy discord register`: overwrite the application's commands with `/papers`. */
export async function registerCommands(opts: RegisterOptions): Promise<{ scope: 'global' | 'guild'; count: number }> {
  const body = [papersCommand(permissionBit(opts.managePermission ?? 'ManageChannels'))];
  const route = opts.guildId ? Routes.applicationGuildCommands(opts.applicationId, opts.guildId) : Routes.applicationCommands(opts.applicationId);
  const registered = z.array(z.object({ id: z.string() })).parse(await createRest(opts.token, opts.apiUrl).put(route, { body }));
  return { scope: opts.guildId ? 'guild' : 'global', count: registered.length };
}
