import { ErrorCode, type WebAPICallError } from '@slack/web-api';
import { ChatError } from '../../src/chat/port.js';

/** The bot cannot reach this channel; only a person in Slack can fix it. */
const CHANNEL_GONE: Record<string, string> = {
  channel_not_found: 'Slack says the channel does not exist (deleted, or the bot cannot see it)',
  is_archived: 'the channel is archived',
  restricted_action: 'a workspace setting stops the bot from posting in this channel',
};

/** The token itself no longer works: every channel of the workspace is affected. */
const WORKSPACE_GONE: Record<string, string> = {
  account_inactive: 'the Slack app was deactivated or uninstalled (account_inactive)',
  invalid_auth: 'the Slack bot token is invalid (invalid_auth): check SLACK_BOT_TOKEN',
  not_authed: 'no Slack bot token was sent (not_authed): check SLACK_BOT_TOKEN',
  token_revoked: 'the Slack bot token was revoked (token_revoked): reinstall the app',
  missing_scope: 'the Slack app lacks a scope it needs (missing_scope): reinstall it from slack-manifest.yaml',
};

export const INVITE_REASON = 'the bot is not in this channel and cannot join it: invite the bot with /invite @Paperboy';

function isCallError(err: unknown): err is WebAPICallError {
  const code: unknown = err instanceof Error ? (err as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('slack_webapi_');
}

/** The Slack error code of a failed call ("not_in_channel"), or null when it never got an answer. */
export function slackErrorCode(err: unknown): string | null {
  if (!isCallError(err)) return null;
  if (err.code === ErrorCode.PlatformError) return err.data.error;
  if (err.code === ErrorCode.RateLimitedError) return 'ratelimited';
  return null;
}

/** Turn a Web API failure into what the pipeline acts on: pause, wait, or retry later. */
export function toChatError(err: unknown, what: string): ChatError {
  if (err instanceof ChatError) return err;
  if (isCallError(err)) {
    if (err.code === ErrorCode.RateLimitedError) {
      return new ChatError('rate_limited', `Slack rate-limited ${what}`, { code: 'ratelimited', retryAfterMs: Math.max(1, err.retryAfter) * 1000, cause: err });
    }
    if (err.code === ErrorCode.PlatformError) {
      const code = err.data.error;
      const channelReason = CHANNEL_GONE[code];
      if (channelReason) return new ChatError('permanent', channelReason, { code, scope: 'channel', cause: err });
      const workspaceReason = WORKSPACE_GONE[code];
      if (workspaceReason) return new ChatError('permanent', workspaceReason, { code, scope: 'workspace', cause: err });
      if (code === 'not_in_channel') return new ChatError('permanent', INVITE_REASON, { code, scope: 'channel', cause: err });
      return new ChatError('transient', `Slack refused ${what}: ${code}`, { code, cause: err });
    }
    if (err.code === ErrorCode.HTTPError && err.statusCode === 429) {
      const seconds = Number(err.headers['retry-after'] ?? 1);
      return new ChatError('rate_limited', `Slack rate-limited ${what}`, {
        code: 'ratelimited',
        retryAfterMs: (Number.isFinite(seconds) ? seconds : 1) * 1000,
        cause: err,
      });
    }
  }
  const message = err instanceof Error ? err.message : String(err);
  return new ChatError('transient', `${what} failed: ${message}`, { cause: err });
}
