import { REST } from 'discord.js';

/** discord.js's REST client (per-route rate-limit queue); `apiUrl` is DISCORD_API_URL, e.g. "http://127.0.0.1:8080/api". */
export function createRest(token: string, apiUrl?: string): REST {
  return new REST({ version: '10', ...(apiUrl ? { api: apiUrl } : {}) }).setToken(token);
}
