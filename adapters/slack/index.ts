import { App, SocketModeReceiver, type Receiver } from '@slack/bolt';
import slackWebApi, { type WebClientOptions } from '@slack/web-api';
import type { CoreServices, RunningAdapter } from '../../src/chat/adapter.js';
import type { ChatPort } from '../../src/chat/port.js';
import { createPostingClient, normalizeApiUrl } from './client.js';
import { ConfigError } from '../../src/errors.js';
import { slackErrorCode } from './errors.js';
import { registerFeedbackListeners } from './feedback-listeners.js';
import { registerInteractiveListeners } from './interactive.js';
import { registerListeners } from './listeners.js';
import { createManagerPolicy, type SlackManagers } from './managers.js';
import { createSlackPort } from './port.js';
import { RouteReceiver } from './receiver.js';
import { slackLogger } from './slack-logger.js';

// @slack/web-api is CommonJS and Node's ESM loader does not see `retryPolicies` as a named export.
const { retryPolicies } = slackWebApi;

export interface SlackOptions {
  /** xoxb- bot token. */
  botToken: string;
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
async function checkToken(opts: SlackOptions, core: CoreServices): Promise<string | undefined> {
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

/** Start the Bolt app (Socket Mode or HTTP on the shared server) and return the Slack chat port. */
export async function startSlack(opts: SlackOptions, core: CoreServices): Promise<RunningAdapter> {
  const clientOptions: WebClientOptions = {
    logger: slackLogger(core.logger),
    retryConfig: retryPolicies.fiveRetriesInFiveMinutes,
    ...(opts.apiUrl ? { slackApiUrl: normalizeApiUrl(opts.apiUrl) } : {}),
    ...opts.clientOptions,
  };
  const app = new App({
    token: opts.botToken,
    receiver: receiverFor(opts, core, clientOptions),
    ...(opts.appToken ? { socketMode: true, appToken: opts.appToken } : {}),
    ...(opts.botId && opts.botUserId ? { botId: opts.botId, botUserId: opts.botUserId } : {}),
    clientOptions,
    logger: slackLogger(core.logger),
    deferInitialization: true,
  });
  const authUserId = await checkToken(opts, core);
  const managers = createManagerPolicy(opts.managers ?? 'members', {
    // No retries of its own: a person is waiting for the answer, and a failed lookup refuses (and is asked again next time).
    client: createPostingClient(opts.botToken, core.logger, { ...(opts.apiUrl ? { apiUrl: opts.apiUrl } : {}), clientOptions: { timeout: 10_000 } }),
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
  core.logger.info({ mode: opts.appToken ? 'socket' : 'http' }, 'slack adapter started');
  return { port: createSlackDeliveryPort(opts, core), stop: () => app.stop().then(() => undefined), botUserIds: botUserId ? [botUserId] : [] };
}

/** Posting only, with no receiver and no auth.test: for one-shot `paperboy digest` runs. */
export function createSlackDeliveryPort(
  opts: Pick<SlackOptions, 'botToken' | 'apiUrl' | 'clientOptions' | 'channelIntervalMs'>,
  core: Pick<CoreServices, 'logger' | 'clock'>,
): ChatPort {
  return createSlackPort({
    client: createPostingClient(opts.botToken, core.logger, {
      ...(opts.apiUrl ? { apiUrl: opts.apiUrl } : {}),
      ...(opts.clientOptions ? { clientOptions: opts.clientOptions } : {}),
    }),
    logger: core.logger,
    clock: core.clock,
    ...(opts.channelIntervalMs !== undefined ? { channelIntervalMs: opts.channelIntervalMs } : {}),
  });
}

export { createSlackPort } from './port.js';
export { createPostingClient } from './client.js';
export { SLACK_EVENTS_PATH } from './receiver.js';
