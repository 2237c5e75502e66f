import type { Config } from '../src/config.js';

/** SLACK_BOT_TOKEN (one workspace), or the installable app's client id and secrets (config.ts allows one of the two). */
export function slackCredentials(config: Config): { botToken: string } | { oauth: { clientId: string; clientSecret: string; stateSecret: string } } {
  if (config.slack?.auth === 'oauth' && config.SLACK_CLIENT_ID && config.SLACK_CLIENT_SECRET && config.SLACK_STATE_SECRET) {
    return { oauth: { clientId: config.SLACK_CLIENT_ID, clientSecret: config.SLACK_CLIENT_SECRET, stateSecret: config.SLACK_STATE_SECRET } };
  }
  return { botToken: config.SLACK_BOT_TOKEN ?? '' };
}
