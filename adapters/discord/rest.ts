import { REST, type RESTOptions } from 'discord.js';

/**
 * Options for every REST client Paperboy makes. discord.js retries a request
 * that timed out or got a 5xx three times by itself, POSTs included, and a
 * forum post carries no nonce: one post could appear several times. Paperboy
 * retries creations itself, looking for the earlier post first, so the
 * client's own retries are off. 429s are still waited out by the client's
 * queue (a 429 means nothing was created), and its 50 requests/s global
 * limit stays as it is.
 */
export const REST_OPTIONS = { version: '10', retries: 0 } as const satisfies Partial<RESTOptions>;

/** Discord's global limit: requests per second per bot, across every process that uses its token. */
export const DISCORD_GLOBAL_PER_SECOND = 50;

/**
 * One worker's share of the global limit when `workers` processes share the
 * bot (PAPERBOY_WORKERS). Each REST client counts its own one-second windows,
 * which are not aligned with each other's nor with Discord's: together they
 * keep to 90 % of the limit, so requests arriving a little late or early do
 * not add up past it.
 */
export function globalShare(workers: number): number {
  if (workers <= 1) return DISCORD_GLOBAL_PER_SECOND;
  return Math.max(1, Math.floor((DISCORD_GLOBAL_PER_SECOND * 0.9) / workers));
}

/**
 * discord.js's REST client (per-route rate-limit queue); `apiUrl` is DISCORD_API_URL,
 * e.g. "http://127.0.0.1:8080/api"; `perSecond` its share of the global limit (default: all 50).
 */
export function createRest(token: string, apiUrl?: string, perSecond?: number): REST {
  return new REST({ ...REST_OPTIONS, ...(apiUrl ? { api: apiUrl } : {}), ...(perSecond ? { globalRequestsPerSecond: perSecond } : {}) }).setToken(token);
}
