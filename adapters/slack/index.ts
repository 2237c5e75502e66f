import { randomBytes } from 'node:crypto';
import { App, SocketModeReceiver, type Receiver } from '@slack/bolt';
import slackWebApi, { type WebClientOptions } from '@slack/web-api';
import { z } from 'zod';
import type { CoreServices, RunningAdapter } from '../../src/chat/adapter.js';
import type { ChatPort } from '../../src/chat/port.js';
import { processOwner } from '../../src/digest/owner.js';
import { installedAuthorize } from './authorize.js';
import { type ClientFor, installedClients } from './clients.js';
import { createOAuthClient, createPostingClient, normalizeApiUrl } from './client.js';
import { ConfigError } from '../../src/errors.js';
import { slackErrorCode } from './errors.js';
import { addInstallRoutes, SLACK_INSTALL_PATH } from './install.js';
import { type Renewal, SlackTokens } from './tokens.js';
import { registerUninstallListeners } from './uninstall.js';
import { registerFeedbackListeners } from './feedback-listeners.js';
import { registerInteractiveListeners } from './interactive.js';
import { registerListeners } from './listeners.js';
import { createManagerPolicy, type SlackManagers } from './managers.js';
import { createSlackPort } from './port.js';
import { RouteReceiver } from './receiver.js';
import { slackLogger } from './slack-logger.js';

// @slack/web-api is CommonJS and Node's ESM loader does not see `retryPolicies` as a named export.
const { retryPolicies } = slackWebApi;

/** The installable app (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET): workspaces install it through /slack/install. */
export interface SlackOAuthOptions {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
}

export interface SlackOptions {
  /** xoxb- bot token: one workspace. Unset with `oauth`. */
  botToken?: string;
  /** The installable app: one token per installed workspace, from the database. */
  oauth?: SlackOAuthOptions;
  /** xapp- app-level token: Socket Mode, no public URL needed. */
  appToken?: string;
  /** HTTP mode (no appToken): requests to POST /slack/events are verified with it. */
  signingSecret?: string;
  /** Web API base URL (SLACK_API_URL), for tests and proxies. */
  apiUrl?: string;
  /** Skip auth.test when both are known (tests). */
  botUserId?: string;
  botId?: string;
  /** Merged into both Web API clients (e.g. retryConfig in tests). */
  clientOptions?: WebClientOptions;
  /** Gap between posts to one channel, from the end of the previous one; defaults to Slack's 1 per second. */
  channelIntervalMs?: number;
  commandName?: string;
  /** SLACK_MANAGERS: who may change a channel's rules (default members: anyone but guests). */
  managers?: SlackManagers;
}

export type { SlackManagers } from './managers.js';

function receiverFor(opts: SlackOptions, core: CoreServices, clientOptions: WebClientOptions): Receiver {
  if (opts.appToken) {
    return new SocketModeReceiver({ appToken: opts.appToken, logger: slackLogger(core.logger), installerOptions: { clientOptions } });
  }
  if (!opts.signingSecret) throw new Error('Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)');
  if (!core.http) throw new Error('Slack HTTP mode receives on the shared HTTP server: set PORT (or use Socket Mode with SLACK_APP_TOKEN)');
  return new RouteReceiver({ routes: core.http, signingSecret: opts.signingSecret, clock: core.clock, logger: core.logger });
}

/**
 * One quick auth.test before Bolt starts: Bolt's own retries would keep an
 * unreachable or mistyped setup silent for minutes. Tells "Slack refused the
 * token" apart from "Slack could not be reached".
 */
async function checkToken(opts: SlackOptions & { botToken: string }, core: CoreServices): Promise<string | undefined> {
  const client = createPostingClient(opts.botToken, core.logger, { ...(opts.apiUrl ? { apiUrl: opts.apiUrl } : {}), clientOptions: { timeout: 15_000 } });
  try {
    return (await client.auth.test()).user_id;
  } catch (err) {
    const code = slackErrorCode(err);
    if (code) throw new ConfigError(`Slack refused SLACK_BOT_TOKEN (auth.test: ${code}): copy the Bot User OAuth Token again from OAuth & Permissions`);
    const reason = err instanceof Error ? err.message : String(err);
    throw new ConfigError(`Could not reach Slack at ${opts.apiUrl ?? 'https://slack.com/api/'} (${reason}): check the network, a proxy, or SLACK_API_URL`);
  }
}

const renewalSchema = z.object({ access_token: z.string().min(1), refresh_token: z.string().min(1), expires_in: z.number().positive() });

/** Every installed workspace's token, renewed (oauth.v2.access, grant_type=refresh_token) when it expires within 2 hours. */
function installedTokens(
  oauth: SlackOAuthOptions,
  opts: Pick<SlackOptions, 'apiUrl' | 'clientOptions'>,
  core: Pick<CoreServices, 'stores' | 'clock' | 'logger'>,
) {
  const client = createOAuthClient(core.logger, {
    ...(opts.apiUrl ? { apiUrl: opts.apiUrl } : {}),
    ...(opts.clientOptions ? { clientOptions: opts.clientOptions } : {}),
  });
  const renew = async (refreshToken: string): Promise<Renewal> => {
    const res = renewalSchema.parse(
      await client.oauth.v2.access({ client_id: oauth.clientId, client_secret: oauth.clientSecret, grant_type: 'refresh_token', refresh_token: refreshToken }),
    );
    return { botToken: res.access_token, refreshToken: res.refresh_token, expiresInS: res.expires_in };
  };
  return new SlackTokens({
    store: core.stores.installations,
    renew,
    // Unique per instance: two token sources in one process (a test's two workers) must not share a renewal claim.
    owner: `${processOwner()}#${randomBytes(4).toString('hex')}`,
    now: () => core.clock.now().getTime(),
    logger: core.logger,
  });
}

/** Where each workspace's Web API clients come from: SLACK_BOT_TOKEN's, or each installation's. */
interface ClientSource {
  /** For posts (no retries of its own: see createPostingClient). */
  posting: ClientFor;
  /** For lookups a person waits on (users.info): a shorter timeout. */
  lookup: ClientFor;
}

function clientSource(
  opts: Pick<SlackOptions, 'botToken' | 'apiUrl' | 'clientOptions'>,
  core: Pick<CoreServices, 'logger'>,
  tokens: SlackTokens | null,
): ClientSource {
  const make = (token: string, timeout?: number) =>
    createPostingClient(token, core.logger, {
      ...(opts.apiUrl ? { apiUrl: opts.apiUrl } : {}),
      clientOptions: { ...opts.clientOptions, ...(timeout ? { timeout } : {}) },
    });
  if (tokens) return { posting: installedClients(tokens, (t) => make(t)), lookup: installedClients(tokens, (t) => make(t, 10_000)) };
  const token = opts.botToken ?? '';
  const posting = make(token);
  const lookup = make(token, 10_000);
  return { posting: async () => posting, lookup: async () => lookup };
}

/** Start the Bolt app (Socket Mode or HTTP on the shared server) and return the Slack chat port. */
export async function startSlack(opts: SlackOptions, core: CoreServices): Promise<RunningAdapter> {
  const clientOptions: WebClientOptions = {
    logger: slackLogger(core.logger),
    retryConfig: retryPolicies.fiveRetriesInFiveMinutes,
    ...(opts.apiUrl ? { slackApiUrl: normalizeApiUrl(opts.apiUrl) } : {}),
    ...opts.clientOptions,
  };
  const oauth = opts.oauth;
  const botToken = opts.botToken;
  if (!oauth && !botToken) throw new ConfigError('Slack needs SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET');
  const tokens = oauth ? installedTokens(oauth, opts, core) : null;
  const app = new App({
    ...(tokens ? { authorize: installedAuthorize(tokens, core.knownBot) } : { token: botToken }),
    receiver: receiverFor(opts, core, clientOptions),
    ...(opts.appToken ? { socketMode: true, appToken: opts.appToken } : {}),
    ...(!tokens && opts.botId && opts.botUserId ? { botId: opts.botId, botUserId: opts.botUserId } : {}),
    clientOptions,
    logger: slackLogger(core.logger),
    deferInitialization: true,
  });
  const authUserId = botToken ? await checkToken({ ...opts, botToken }, core) : undefined;
  const clients = clientSource(opts, core, tokens);
  const managers = createManagerPolicy(opts.managers ?? 'members', {
    // No retries of its own: a person is waiting for the answer, and a failed lookup refuses (and is asked again next time).
    clientFor: clients.lookup,
    now: () => core.clock.now().getTime(),
  });
  registerListeners(app, {
    commands: core.commands,
    commandName: opts.commandName ?? '/papers',
    managers,
    onAck: (seconds) => core.metrics?.observe('paperboy_command_ack_seconds', 'Command acknowledgement time', { platform: 'slack' }, seconds),
    forms: Boolean(core.interactions),
    logger: core.logger,
  });
  if (core.feedback) registerFeedbackListeners(app, { sink: core.feedback, logger: core.logger });
  if (core.interactions) {
    // The same people manage from forms and the Home tab as with /papers (SLACK_MANAGERS).
    registerInteractiveListeners(app, {
      commands: core.commands,
      interactions: core.interactions,
      logger: core.logger,
      canManage: (userId, channel) => managers.mayManage(channel.workspaceId, userId).catch(() => false),
      managers: managers.who,
    });
  }
  if (oauth) {
    if (!core.http) throw new ConfigError('the installable Slack app serves /slack/install and /slack/oauth_redirect on the HTTP server: set PORT');
    const { logger: _sdkLogger, ...installerClientOptions } = clientOptions;
    addInstallRoutes(core.http, {
      ...oauth,
      ...(opts.apiUrl ? { apiUrl: opts.apiUrl } : {}),
      clientOptions: installerClientOptions,
      store: core.stores.installations,
      now: () => core.clock.now(),
      logger: core.logger,
    });
    registerUninstallListeners(app, { store: core.stores.installations, now: () => core.clock.now(), logger: core.logger });
  }
  try {
    await app.init();
  } catch (err) {
    const code = slackErrorCode(err) ?? (err instanceof Error ? err.message : String(err));
    throw new Error(`Slack refused SLACK_BOT_TOKEN (auth.test: ${code}): copy the Bot User OAuth Token again from OAuth & Permissions`, { cause: err });
  }
  try {
    await app.start();
  } catch (err) {
    const code = slackErrorCode(err) ?? (err instanceof Error ? err.message : String(err));
    // Only Socket Mode reaches Slack on start (apps.connections.open with the app-level token).
    throw new Error(`Slack Socket Mode could not connect (${code}): check SLACK_APP_TOKEN (an xapp- token with connections:write)`, { cause: err });
  }
  const botUserId = opts.botUserId ?? authUserId;
  if (oauth) {
    const installed = await core.stores.installations.count('slack');
    core.logger.info({ mode: opts.appToken ? 'socket' : 'http', auth: 'oauth', installed, installPath: SLACK_INSTALL_PATH }, 'slack adapter started');
  } else {
    core.logger.info({ mode: opts.appToken ? 'socket' : 'http' }, 'slack adapter started');
  }
  return {
    port: createSlackPort({ clientFor: clients.posting, logger: core.logger, clock: core.clock, ...pacing(opts), installedApp: Boolean(oauth) }),
    stop: () => app.stop().then(() => undefined),
    botUserIds: botUserId ? [botUserId] : [],
  };
}

const pacing = (opts: Pick<SlackOptions, 'channelIntervalMs'>) => (opts.channelIntervalMs !== undefined ? { channelIntervalMs: opts.channelIntervalMs } : {});

/** Posting only, with no receiver and no auth.test: for one-shot `paperboy digest` runs. */
export function createSlackDeliveryPort(
  opts: Pick<SlackOptions, 'botToken' | 'oauth' | 'apiUrl' | 'clientOptions' | 'channelIntervalMs'>,
  core: Pick<CoreServices, 'logger' | 'clock' | 'stores'>,
): ChatPort {
  const tokens = opts.oauth ? installedTokens(opts.oauth, opts, core) : null;
  return createSlackPort({
    clientFor: clientSource(opts, core, tokens).posting,
    logger: core.logger,
    clock: core.clock,
    ...pacing(opts),
    installedApp: Boolean(opts.oauth),
  });
}

export { createSlackPort } from './port.js';
export { createPostingClient } from './client.js';
export { SLACK_EVENTS_PATH } from './receiver.js';
