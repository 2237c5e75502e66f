/**
 * The bot scopes the app asks for when a workspace installs it (GET
 * /slack/install): the same list as slack-manifest.yaml's oauth_config, which
 * a test holds equal. Why each is needed is written beside it in the manifest.
 */
export const BOT_SCOPES = [
  'chat:write',
  'commands',
  'app_mentions:read',
  'channels:join',
  'channels:history',
  'reactions:read',
  'groups:history',
  'files:write',
  'im:write',
  'users:read',
] as const;
