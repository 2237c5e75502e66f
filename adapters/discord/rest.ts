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

/** discord.js's REST client (per-route rate-limit queue); `apiUrl` is DISCORD_API_URL, e.g. "http://127.0.0.1:8080/api". */
export function createRest(token: string, apiUrl?: string): REST {
  return new REST({ ...REST_OPTIONS, ...(apiUrl ? { api: apiUrl } : {}) }).setToken(token);
}
