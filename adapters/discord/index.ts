import type { Client } from 'discord.js';
import type { Logger } from 'pino';
import type { CoreServices, RunningAdapter } from '../../src/chat/adapter.js';
import { localCoordination } from '../../src/workers/local.js';
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
export { globalShare } from './rest.js';

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
  /** This worker's share of Discord's 50 requests/s per bot (globalShare(PAPERBOY_WORKERS)); all of it by default. */
  globalRequestsPerSecond?: number;
}

export interface RunningDiscord extends RunningAdapter {
  /**
   * The gateway client while this worker holds the gateway (gateway mode only;
   * it also reports reactions and thread replies to core.feedback).
   */
  readonly client: Client | null;
}

/** "ManageChannels" → "Manage Channels" for messages to people. */
function label(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1 $2');
}

/** A port for posting only (one-shot `paperboy digest`): REST, no gateway, no HTTP. */
export function createDiscordDeliveryPort(opts: Pick<DiscordOptions, 'token' | 'apiUrl' | 'globalRequestsPerSecond'>, logger: Logger): ChatPort {
  return createDiscordPort({ rest: createRest(opts.token, opts.apiUrl, opts.globalRequestsPerSecond), logger: logger.child({ platform: 'discord' }) });
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
    // Stateless: every worker serves /discord/interactions behind a load balancer.
    const rest = createRest(opts.token, opts.apiUrl, opts.globalRequestsPerSecond);
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

  // One REST client per worker for everything it sends (posts, answers, look-ups), so its share of the global limit is one budget.
  const rest = createRest(opts.token, opts.apiUrl, opts.globalRequestsPerSecond);
  const handle = createInteractionHandler({ ...handlerDeps, rest });
  let client: Client | null = null;

  async function openGateway(): Promise<void> {
    const c = createGatewayClient(opts.apiUrl);
    c.rest.setToken(opts.token);
    listenForInteractions(c, handle, logger, rest);
    if (core.feedback) {
      listenForFeedback(c, {
        sink: core.feedback,
        clock: core.clock,
        logger,
        // A bot's user id is normally its application id; the logged-in user covers the exceptions.
        botUserIds: () => new Set([opts.applicationId, ...(c.user ? [c.user.id] : [])]),
        parents: new ThreadParents(rest, logger, (id) => {
          const ch = c.channels.cache.get(id);
          if (!ch) return undefined;
          return ch.isThread() ? ch.parentId : null;
        }),
      });
    }
    client = c;
    if (opts.skipLogin) return;
    try {
      await c.login(opts.token);
    } catch (err) {
      client = null;
      await c.destroy().catch(() => undefined);
      throw loginError(err, opts.apiUrl);
    }
    logger.info({ mode: 'gateway', user: c.user?.tag, shards: c.ws.shards.size }, 'discord gateway connected');
  }

  async function closeGateway(): Promise<void> {
    const c = client;
    client = null;
    if (!c) return;
    await c.destroy();
    logger.info({ mode: 'gateway' }, 'discord gateway closed: another worker holds it now, or this one is stopping');
  }

  // The gateway runs in one worker at a time: the one holding the lock; when it dies, another one takes it.
  const lead = core.coordination ?? localCoordination();
  const gateway = await lead.lead('discord-gateway', { gained: openGateway, lost: closeGateway });
  if (!gateway.leading) logger.info({ mode: 'gateway' }, 'another worker holds the discord gateway; this one posts and waits to take over');
  // Set by openGateway through the lead: read it through a function, so the compiler does not take it for null.
  const current = (): Client | null => client;
  const user = current()?.user;
  return {
    port: createDiscordPort({ rest, logger, botUserId: opts.applicationId, clock: core.clock }),
    get client() {
      return current();
    },
    botUserIds: [...new Set([opts.applicationId, ...(user ? [user.id] : [])])],
    stop: () => gateway.stop(),
  };
}

/** Why login failed, said as what to fix. */
function loginError(err: unknown, apiUrl: string | undefined): unknown {
  const message = err instanceof Error ? err.message : String(err);
  const refused = (err as { code?: unknown }).code === 'TokenInvalid' || (err as { status?: unknown }).status === 401;
  if (refused) return new ConfigError(`Discord refused DISCORD_TOKEN (${message}): copy a fresh one from the Developer Portal → Bot → Reset Token.`);
  const unreachable = ['ENOTFOUND', 'ECONNREFUSED', 'ETIMEDOUT', 'EAI_AGAIN', 'ECONNRESET'].includes(String((err as { code?: unknown }).code));
  if (unreachable)
    return new ConfigError(`Could not reach Discord at ${apiUrl ?? 'https://discord.com/api'} (${message}): check the network, a proxy, or DISCORD_API_URL.`);
  return err;
}
