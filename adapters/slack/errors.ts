import { ErrorCode, type WebAPICallError } from '@slack/web-api';
import { ChatError, type ChatErrorKind } from '../../src/chat/port.js';

export const INVITE_REASON = 'the bot is not in this channel and cannot join it: invite the bot with /invite @Paperboy';

/**
 * Every answer Slack gives to a post, and what it means for the delivery: the
 * one table the port consults (an unlisted code is 'unknown': retried a few
 * times, then failed as about the message). Reasons are shown to people
 * (`/papers list`, the pause notice): they say what to do.
 */
export const SLACK_ERRORS: Readonly<Record<string, { kind: ChatErrorKind; reason: string }>> = {
  // Rate limits (a 429 is handled before the table; these arrive as ok:false).
  ratelimited: { kind: 'rate_limited', reason: 'Slack rate-limited the bot' },
  rate_limited: { kind: 'rate_limited', reason: 'Slack rate-limited the bot' },
  message_limit_exceeded: { kind: 'rate_limited', reason: 'Slack says the workspace is sending too many messages' },
  // Slack's own trouble: try again later.
  internal_error: { kind: 'transient', reason: 'Slack had an internal error' },
  fatal_error: { kind: 'transient', reason: 'Slack had a fatal error' },
  service_unavailable: { kind: 'transient', reason: 'Slack was unavailable' },
  request_timeout: { kind: 'transient', reason: 'Slack timed out reading the request' },
  team_added_to_org: { kind: 'transient', reason: 'the workspace is moving into an Enterprise organization' },
  org_login_required: { kind: 'transient', reason: 'the workspace is migrating to Enterprise Grid' },
  // About this one message.
  invalid_blocks: { kind: 'message', reason: 'Slack refused the message layout (invalid_blocks)' },
  invalid_blocks_format: { kind: 'message', reason: 'Slack refused the message layout (invalid_blocks_format)' },
  msg_too_long: { kind: 'message', reason: 'the message is too long for Slack (msg_too_long)' },
  msg_blocks_too_long: { kind: 'message', reason: 'the message blocks are too long for Slack (msg_blocks_too_long)' },
  no_text: { kind: 'message', reason: 'Slack refused an empty message (no_text)' },
  too_many_attachments: { kind: 'message', reason: 'the message has too many attachments' },
  invalid_metadata_format: { kind: 'message', reason: 'Slack refused the message metadata (invalid_metadata_format)' },
  invalid_metadata_schema: { kind: 'message', reason: 'Slack refused the message metadata (invalid_metadata_schema)' },
  metadata_too_large: { kind: 'message', reason: 'the message metadata is too large' },
  invalid_arguments: { kind: 'message', reason: 'Slack refused the message (invalid_arguments)' },
  invalid_arg_name: { kind: 'message', reason: 'Slack refused the message (invalid_arg_name)' },
  invalid_charset: { kind: 'message', reason: 'Slack refused the message (invalid_charset)' },
  invalid_form_data: { kind: 'message', reason: 'Slack refused the message (invalid_form_data)' },
  invalid_post_type: { kind: 'message', reason: 'Slack refused the message (invalid_post_type)' },
  missing_post_type: { kind: 'message', reason: 'Slack refused the message (missing_post_type)' },
  as_user_not_supported: { kind: 'message', reason: 'Slack refused the message (as_user_not_supported)' },
  // About the channel: only a person in Slack can fix it, then /papers resume.
  channel_not_found: {
    kind: 'channel',
    reason: 'Slack cannot find the channel: it was deleted, or it is private and the bot was not invited (invite it with /invite @Paperboy)',
  },
  is_archived: { kind: 'channel', reason: 'the channel is archived' },
  not_in_channel: { kind: 'channel', reason: INVITE_REASON },
  restricted_action: { kind: 'channel', reason: 'a workspace setting stops the bot from posting in this channel (restricted_action)' },
  restricted_action_read_only_channel: { kind: 'channel', reason: 'the channel is read-only for the bot (restricted_action_read_only_channel)' },
  restricted_action_thread_only_channel: {
    kind: 'channel',
    reason: 'the channel takes thread replies only, not new posts (restricted_action_thread_only_channel)',
  },
  restricted_action_non_threadable_channel: { kind: 'channel', reason: 'the channel does not allow threads (restricted_action_non_threadable_channel)' },
  team_access_not_granted: {
    kind: 'channel',
    reason: "the app is not granted access to this channel's workspace (team_access_not_granted): an org admin must add it",
  },
  ekm_access_denied: { kind: 'channel', reason: 'administrators have suspended posting here (ekm_access_denied)' },
  no_permission: { kind: 'channel', reason: 'the bot has no permission to post here (no_permission): invite it with /invite @Paperboy' },
  access_denied: { kind: 'channel', reason: 'Slack denied the bot access to this channel (access_denied)' },
  // About the token: every channel of the workspace.
  invalid_auth: { kind: 'token', reason: 'Slack refused the bot token (invalid_auth): check SLACK_BOT_TOKEN' },
  not_authed: { kind: 'token', reason: 'no Slack bot token was sent (not_authed): set SLACK_BOT_TOKEN' },
  token_revoked: { kind: 'token', reason: 'the Slack bot token was revoked (token_revoked): reinstall the app and set the new SLACK_BOT_TOKEN' },
  token_expired: { kind: 'token', reason: 'the Slack bot token expired (token_expired): reinstall the app and set the new SLACK_BOT_TOKEN' },
  account_inactive: { kind: 'token', reason: 'the Slack app was deactivated or uninstalled (account_inactive): reinstall it and set SLACK_BOT_TOKEN' },
  missing_scope: { kind: 'token', reason: 'the Slack app lacks a scope it needs (missing_scope): reinstall it from slack-manifest.yaml' },
  not_allowed_token_type: { kind: 'token', reason: 'SLACK_BOT_TOKEN is not a bot token (not_allowed_token_type): use the xoxb- token' },
  enterprise_is_restricted: { kind: 'token', reason: 'the Enterprise organization restricts this app (enterprise_is_restricted)' },
};

/**
 * Token answers in the installable app (OAuth): the token is the workspace's
 * own installation, so the fix is to install Paperboy there again, not to
 * change SLACK_BOT_TOKEN.
 */
const INSTALLED_APP_TOKEN_REASONS: Readonly<Record<string, string>> = {
  invalid_auth: 'Slack refused the bot token of this workspace (invalid_auth): install Paperboy again from /slack/install, then run /papers resume',
  not_authed: 'no Slack bot token was sent for this workspace (not_authed): install Paperboy again from /slack/install, then run /papers resume',
  token_revoked: "this workspace's Slack bot token was revoked (token_revoked): install Paperboy again from /slack/install, then run /papers resume",
  token_expired: "this workspace's Slack bot token expired (token_expired): install Paperboy again from /slack/install, then run /papers resume",
  account_inactive: 'Paperboy was removed from this workspace (account_inactive): install it again from /slack/install, then run /papers resume',
  missing_scope: 'the installed app lacks a scope it needs (missing_scope): install Paperboy again from /slack/install, then run /papers resume',
  not_allowed_token_type: 'the stored token is not a bot token (not_allowed_token_type): install Paperboy again from /slack/install, then run /papers resume',
};

/** A token failure worded for the installable app; any other error unchanged. */
export function forInstalledApp(err: ChatError): ChatError {
  const reason = err.kind === 'token' && err.details.code ? INSTALLED_APP_TOKEN_REASONS[err.details.code] : undefined;
  return reason ? new ChatError('token', reason, err.details) : err;
}

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

/** Slack's own default wait when a rate limit names none. */
const DEFAULT_RETRY_AFTER_S = 1;

/** Turn a Web API failure into what the pipeline acts on, by the table above. */
export function toChatError(err: unknown, what: string): ChatError {
  if (err instanceof ChatError) return err;
  if (isCallError(err)) {
    if (err.code === ErrorCode.RateLimitedError) {
      const seconds = Math.max(DEFAULT_RETRY_AFTER_S, err.retryAfter);
      return new ChatError('rate_limited', `Slack rate-limited ${what}`, { code: 'ratelimited', retryAfterMs: seconds * 1000, cause: err });
    }
    if (err.code === ErrorCode.PlatformError) {
      const code = err.data.error;
      const row = SLACK_ERRORS[code];
      if (!row) return new ChatError('unknown', `Slack refused ${what}: ${code}`, { code, cause: err });
      const retryAfterMs = row.kind === 'rate_limited' ? DEFAULT_RETRY_AFTER_S * 1000 : undefined;
      const scope = row.kind === 'token' ? 'workspace' : undefined;
      return new ChatError(row.kind, row.reason, { code, cause: err, ...(retryAfterMs ? { retryAfterMs } : {}), ...(scope ? { scope } : {}) });
    }
    if (err.code === ErrorCode.HTTPError) {
      if (err.statusCode === 429) {
        const seconds = Number(err.headers['retry-after'] ?? DEFAULT_RETRY_AFTER_S);
        return new ChatError('rate_limited', `Slack rate-limited ${what}`, {
          code: 'ratelimited',
          retryAfterMs: (Number.isFinite(seconds) ? seconds : DEFAULT_RETRY_AFTER_S) * 1000,
          cause: err,
        });
      }
      // Slack answers 200 for everything it understood: any other status is its infrastructure (5xx, a proxy).
      return new ChatError('transient', `Slack answered HTTP ${err.statusCode} to ${what}`, { code: String(err.statusCode), cause: err });
    }
  }
  // No answer at all: a timeout, a refused or reset connection. The post may have gone through.
  const message = err instanceof Error ? err.message : String(err);
  return new ChatError('transient', `${what} failed: ${message}`, { code: 'network', cause: err });
}
