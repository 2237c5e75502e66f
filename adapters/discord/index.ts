import type { Client } from 'discord.js';
import type { Logger } from 'pino';
import type { CoreServices, RunningAdapter } from '../../src/chat/adapter.js';
import type { ChatPort } from '../../src/chat/port.js';
import { ConfigError } from '../../src/errors.js';
import { listenForFeedback } from './feedback-listener.js';
import { ThreadParents } from './thread-parents.js';
import { createGatewayClient, listenForInteractions } from './gateway.js';
import { mountInteractionsRoute } from './http-interactions.js';
import { createInteractionHandler } from './interactions.js';
import { permissionBit } from './permissions.js';
import { createDiscordPort } from './port.js';
import { createRest } from './rest.js';
import { publicKeyFromHex } from './verify.js';

export { registerCommands } from './register.js';

export interface DiscordOptions {
  token: string;
  applicationId: string;
  /** Set: interactions arrive over HTTP at POST /discord/interactions; the gateway is not used. */
  publicKey?: string;
  guildId?: string;
  /** REST base ending in /api (DISCORD_API_URL), for tests and proxies. */
  apiUrl?: string;
  /** discord.js PermissionFlagsBits name needed to change a channel (DISCORD_MANAGE_PERMISSION); default ManageChannels. */
  managePermission?: string;
  /** Tests: wire the gateway client without logging in. */
  skipLogin?: boolean;
  /** Tests: defer fast commands that run longer than this (default 2000 ms). */
  deferAfterMs?: number;
}

export interface RunningDiscord extends RunningAdapter {
  /** The gateway client (gateway mode only; it also reports reactions and thread replies to core.feedback). */
  client: Client | null;
}

/** "ManageChannels" → "Manage Channels" for messages to people. */
function label(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1 $2');
}

/** A port for posting only (one-shot `paperboy digest`): REST, no gateway, no HTTP. */
export function createDiscordDeliveryPort(opts: Pick<DiscordOptions, 'token' | 'apiUrl'>, logger: Logger): ChatPort {
  return createDiscordPort({ rest: createRest(opts.token, opts.apiUrl), logger: logger.child({ platform: 'discord' }) });
}

/** Start Discord in gateway mode, or HTTP interactions mode when a public key is set. */
export async function startDiscord(opts: DiscordOptions, core: CoreServices): Promise<RunningDiscord> {
  const managePermission = opts.managePermission ?? 'ManageChannels';
  const bit = permissionBit(managePermission);
  const logger = core.logger.child({ platform: 'discord' });
  const handlerDeps = {
    commands: core.commands,
    ...(core.interactions ? { interactions: core.interactions } : {}),
    logger,
    managePermission: bit,
    managePermissionLabel: label(managePermission),
    ...(opts.deferAfterMs !== undefined ? { deferAfterMs: opts.deferAfterMs } : {}),
    onAck: (seconds: number) => core.metrics?.observe('paperboy_command_ack_seconds', 'Command acknowledgement time', { platform: 'discord' }, seconds),
  };

  if (opts.publicKey) {
    if (!core.http)
      throw new ConfigError(
        'DISCORD_PUBLIC_KEY is set, so Discord interactions arrive over HTTP: set PORT (and point the Interactions Endpoint URL at /discord/interactions).',
      );
    const rest = createRest(opts.token, opts.apiUrl);
    const handle = createInteractionHandler({ ...handlerDeps, rest });
    mountInteractionsRoute(core.http, { publicKey: publicKeyFromHex(opts.publicKey), handle, clock: core.clock, logger });
    logger.info({ mode: 'http' }, 'discord interactions over HTTP');
    // No gateway events in this mode: reactions and replies are read over REST before each digest.
    const port = createDiscordPort({
      rest,
      logger,
      botUserId: opts.applicationId,
      clock: core.clock,
      collectFeedback: { clock: core.clock, botUserIds: new Set([opts.applicationId]) },
    });
    return { port, client: null, stop: async () => undefined, botUserIds: [opts.applicationId] };
  }

  const client = createGatewayClient(opts.apiUrl);
  client.rest.setToken(opts.token);
  listenForInteractions(client, createInteractionHandler({ ...handlerDeps, rest: client.rest }), logger);
  if (core.feedback) {
    listenForFeedback(client, {
      sink: core.feedback,
      clock: core.clock,
      logger,
      // A bot's user id is normally its application id; the logged-in user covers the exceptions.
      botUserIds: () => new Set([opts.applicationId, ...(client.user ? [client.user.id] : [])]),
      parents: new ThreadParents(client.rest, logger, (id) => {
        const c = client.channels.cache.get(id);
        if (!c) return undefined;
        return c.isThread() ? c.parentId : null;
      }),
    });
  }
  if (!opts.skipLogin) {
    await client.login(opts.token).catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      const refused = (err as { code?: unknown }).code === 'TokenInvalid' || (err as { status?: unknown }).status === 401;
      if (refused) throw new ConfigError(`Discord refused DISCORD_TOKEN (${message}): copy a fresh one from the Developer Portal → Bot → Reset Token.`);
      const unreachable = ['ENOTFOUND', 'ECONNREFUSED', 'ETIMEDOUT', 'EAI_AGAIN', 'ECONNRESET'].includes(String((err as { code?: unknown }).code));
      if (unreachable)
        throw new ConfigError(
          `Could not reach Discord at ${opts.apiUrl ?? 'https://discord.com/api'} (${message}): check the network, a proxy, or DISCORD_API_URL.`,
        );
      throw err;
    });
    logger.info({ mode: 'gateway', user: client.user?.tag }, 'discord gateway connected');
  }
  return {
    port: createDiscordPort({ rest: client.rest, logger, botUserId: opts.applicationId, clock: core.clock }),
    client,
    botUserIds: [...new Set([opts.applicationId, ...(client.user ? [client.user.id] : [])])],
    stop: async () => {
      await client.destroy();
    },
  };
}
