import type { Config } from '../../src/config.js';

export async function discordCommand(opts: { config: Config; sub: string | undefined; out: NodeJS.WritableStream }): Promise<number> {
  if (opts.sub !== 'register') {
    process.stderr.write('paperboy: usage: paperboy discord register\n');
    return 2;
  }
  const { DISCORD_TOKEN, DISCORD_APPLICATION_ID } = opts.config;
  if (!DISCORD_TOKEN || !DISCORD_APPLICATION_ID) {
    process.stderr.write('paperboy: set DISCORD_TOKEN and DISCORD_APPLICATION_ID to register the /papers command\n');
    return 1;
  }
  const { registerCommands } = await import('../../adapters/discord/register.js');
  const result = await registerCommands({
    token: DISCORD_TOKEN,
    applicationId: DISCORD_APPLICATION_ID,
    managePermission: opts.config.DISCORD_MANAGE_PERMISSION,
    ...(opts.config.DISCORD_GUILD_ID ? { guildId: opts.config.DISCORD_GUILD_ID } : {}),
    ...(opts.config.DISCORD_API_URL ? { apiUrl: opts.config.DISCORD_API_URL } : {}),
  });
  opts.out.write(
    `Registered /papers ${result.scope === 'guild' ? `in guild ${opts.config.DISCORD_GUILD_ID}` : 'globally (may take up to an hour to appear)'}: ${result.count} command(s).\n`,
  );
  return 0;
}
