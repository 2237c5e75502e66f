import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Logger } from 'pino';
import { createNodeFetch } from './node-fetch.js';
import { slackLogger } from './slack-logger.js';

/** One fetch (and so one pool of keep-alive connections) for every client of the process: the installable app has one client per workspace. */
let nodeFetch: typeof fetch | null = null;

/** The WebClient wants its base URL with a trailing slash ("…/api/"). */
export function normalizeApiUrl(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/**
 * The client the chat port posts with. It never retries on its own: a retried
 * post after a timeout could appear twice, and a 429 must reach the port so it
 * can hold the channel off and let the pipeline wait out Retry-After.
 */
export function createPostingClient(botToken: string, logger: Logger, opts: { apiUrl?: string; clientOptions?: WebClientOptions } = {}): WebClient {
  return noRetryClient(botToken, logger, 30_000, opts);
}

/**
 * A client with no token, for oauth.v2.access (token renewal). It never
 * retries either: a refresh token works once, so a retried renewal would be refused.
 */
export function createOAuthClient(logger: Logger, opts: { apiUrl?: string; clientOptions?: WebClientOptions } = {}): WebClient {
  return noRetryClient(undefined, logger, 15_000, opts);
}

function noRetryClient(token: string | undefined, logger: Logger, timeout: number, opts: { apiUrl?: string; clientOptions?: WebClientOptions }): WebClient {
  nodeFetch ??= createNodeFetch();
  return new WebClient(token, {
    logger: slackLogger(logger),
    timeout,
    fetch: nodeFetch,
    ...opts.clientOptions,
    ...(opts.apiUrl ? { slackApiUrl: normalizeApiUrl(opts.apiUrl) } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
}
