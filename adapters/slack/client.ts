import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Logger } from 'pino';
import { slackLogger } from './slack-logger.js';

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
  return new WebClient(botToken, {
    logger: slackLogger(logger),
    timeout: 30_000,
    ...opts.clientOptions,
    ...(opts.apiUrl ? { slackApiUrl: normalizeApiUrl(opts.apiUrl) } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
}

/**
 * A client with no token, for oauth.v2.access (token renewal). It never
 * retries: a refresh token works once, so a retried renewal would be refused.
 */
export function createOAuthClient(logger: Logger, opts: { apiUrl?: string; clientOptions?: WebClientOptions } = {}): WebClient {
  return new WebClient(undefined, {
    logger: slackLogger(logger),
    timeout: 15_000,
    ...opts.clientOptions,
    ...(opts.apiUrl ? { slackApiUrl: normalizeApiUrl(opts.apiUrl) } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
}
