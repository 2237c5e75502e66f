import { Client, GatewayDispatchEvents, GatewayIntentBits, type REST, Routes } from 'discord.js';
import type { Logger } from 'pino';
import type { InteractionHandler } from './interactions.js';
import { REST_OPTIONS } from './rest.js';

/**
 * Interactions need no intent; Guilds keeps channel caches fresh (which
 * threads exist, and their parents). GuildMessageReactions and GuildMessages
 * bring reactions and thread replies for learning; none of the three is
 * privileged, and MessageContent is not asked for: who replied is enough.
 */
export const GATEWAY_INTENTS: readonly GatewayIntentBits[] = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.GuildMessageReactions,
];

/**
 * The gateway client. `shards: 'auto'` takes the shard count Discord
 * recommends (GET /gateway/bot): one shard per 1,000 guilds, required past
 * 2,500. All shards run in the one worker that holds the gateway.
 */
export function createGatewayClient(apiUrl?: string): Client {
  return new Client({ intents: [...GATEWAY_INTENTS], shards: 'auto', rest: { ...REST_OPTIONS, ...(apiUrl ? { api: apiUrl } : {}) } });
}

/**
 * Feed INTERACTION_CREATE dispatches to the shared handler as raw JSON, the
 * very payload the HTTP endpoint receives, answering on the callback endpoint
 * (what discord.js's interaction.reply() does) through `rest`.
 */
export function listenForInteractions(client: Client, handle: InteractionHandler, logger: Logger, rest: REST = client.rest): void {
  client.ws.on(GatewayDispatchEvents.InteractionCreate, (data: unknown) => {
    void handle(data, async (response, i) => {
      await rest.post(Routes.interactionCallback(i.id, i.token), { body: response, auth: false });
    }).catch((err: unknown) => logger.error({ err }, 'discord interaction failed'));
  });
}
