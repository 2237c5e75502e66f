import type { ChatPort } from '../src/chat/port.js';
import type { Core } from './core.js';
import { slackCredentials } from './slack-credentials.js';

/**
 * Ports for posting only (no receivers, no HTTP, no gateway), for the one-shot
 * `paperboy digest`, which may run beside `paperboy run`.
 */
export async function deliveryOnlyPorts(core: Core): Promise<ChatPort[]> {
  const { config } = core;
  const ports: ChatPort[] = [];
  if (config.slack) {
    const { createSlackDeliveryPort } = await import('../adapters/slack/index.js');
    // The installable app posts with each workspace's own token, from the database.
    ports.push(createSlackDeliveryPort({ ...slackCredentials(config), ...(config.SLACK_API_URL ? { apiUrl: config.SLACK_API_URL } : {}) }, core));
  }
  if (config.discord && config.DISCORD_TOKEN) {
    const { createDiscordDeliveryPort, globalShare } = await import('../adapters/discord/index.js');
    ports.push(
      createDiscordDeliveryPort(
        {
          token: config.DISCORD_TOKEN,
          ...(config.DISCORD_API_URL ? { apiUrl: config.DISCORD_API_URL } : {}),
          globalRequestsPerSecond: globalShare(config.PAPERBOY_WORKERS),
        },
        core.logger,
      ),
    );
  }
  return ports;
}
