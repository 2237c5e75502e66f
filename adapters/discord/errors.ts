import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { ChatError, type ChatErrorKind } from '../../src/chat/port.js';

/** Discord JSON error codes Paperboy acts on by name. */
export const DiscordCode = {
  UnknownChannel: 10003,
  UnknownMessage: 10008,
  MissingAccess: 50001,
  CannotSendEmpty: 50006,
  CannotSendToUser: 50007,
  MissingPermissions: 50013,
  InvalidFormBody: 50035,
  TagRequired: 40067,
  ThreadAlreadyCreated: 160004,
} as const;

export const TAG_REASON =
  'Discord: this forum requires a tag on every post, and it has no (unmoderated) tag named like a matched rule or "papers". Add a tag named papers, then /papers resume.';

/**
 * Every answer Discord gives to a post, and what it means for the delivery: the
 * one table the port consults, by JSON error code. An unlisted code is
 * 'unknown' (retried a few times, then failed as about the message); statuses
 * without a code are below the table (401 token, 429 rate limit, 5xx transient).
 * Access errors are never retried blindly: Discord bans IPs that keep sending
 * invalid requests.
 */
export const DISCORD_ERRORS: Readonly<Record<number, { kind: ChatErrorKind; reason: string }>> = {
  // About the channel: a server admin fixes it, then /papers resume.
  10003: { kind: 'channel', reason: 'Discord: this channel no longer exists (Unknown Channel).' },
  10004: { kind: 'channel', reason: 'Discord: the bot is no longer in this server (Unknown Guild).' },
  50001: { kind: 'channel', reason: 'Discord: the bot cannot see this channel (Missing Access). Give it View Channel, then /papers resume.' },
  50013: {
    kind: 'channel',
    reason:
      'Discord: the bot lacks a permission here (Missing Permissions: Send Messages, Embed Links, Read Message History, Create Public Threads or Send Messages in Threads). Fix it, then /papers resume.',
  },
  50008: { kind: 'channel', reason: 'Discord: the bot cannot post in this kind of channel (voice or category). Subscribe a text or forum channel.' },
  50024: { kind: 'channel', reason: 'Discord: this action is not possible in this kind of channel.' },
  50083: { kind: 'channel', reason: 'Discord: the thread is archived.' },
  160005: { kind: 'channel', reason: 'Discord: the thread is locked.' },
  40058: { kind: 'channel', reason: 'Discord: a forum takes posts, not messages; the channel type changed. Run /papers resume.' },
  40067: { kind: 'channel', reason: TAG_REASON },
  // About this one message.
  50006: { kind: 'message', reason: 'Discord refused an empty message (50006).' },
  50035: { kind: 'message', reason: 'Discord refused the message as invalid (Invalid Form Body, 50035).' },
  50109: { kind: 'message', reason: 'Discord refused the message as invalid JSON (50109).' },
  40005: { kind: 'message', reason: 'Discord refused the message as too large (40005).' },
  20009: { kind: 'message', reason: 'Discord refused the message as explicit content (20009).' },
  200000: { kind: 'message', reason: "Discord's AutoMod blocked this message (200000)." },
  200001: { kind: 'message', reason: "Discord's AutoMod blocked this post's title (200001)." },
  240000: { kind: 'message', reason: "Discord's harmful-links filter blocked this message (240000)." },
  // Rate limits Discord reports as codes rather than 429s.
  20016: { kind: 'rate_limited', reason: 'Discord: slowmode is on in this channel (20016).' },
  20028: { kind: 'rate_limited', reason: 'Discord: the channel hit its write rate limit (20028).' },
  30046: { kind: 'rate_limited', reason: 'Discord: too many edits to messages older than an hour (30046).' },
  // Discord's own trouble.
  130000: { kind: 'transient', reason: 'Discord is overloaded (130000).' },
};

/** Discord's slowmode and write limits come without a Retry-After; a minute is their usual span. */
const CODE_RATE_LIMIT_MS = 60_000;

const TOKEN_REASON = 'Discord refused the bot token (401): set a valid DISCORD_TOKEN (Developer Portal → Bot → Reset Token)';

export function discordCode(err: unknown): number | null {
  return err instanceof DiscordAPIError && typeof err.code === 'number' ? err.code : null;
}

/** discord.js clears its token after a 401, and every later call fails with this before reaching Discord. */
function isMissingToken(err: unknown): boolean {
  return err instanceof Error && err.message.startsWith('Expected token to be set');
}

/** A failed REST call as the pipeline needs it, by the table above. */
export function toChatError(err: unknown): ChatError {
  if (err instanceof ChatError) return err;
  if (err instanceof RateLimitError) {
    const scope = err.global ? 'global' : err.scope === 'shared' ? 'channel' : 'route';
    return new ChatError('rate_limited', `Discord rate limit on ${err.route}`, { code: '429', retryAfterMs: Math.ceil(err.retryAfter), scope, cause: err });
  }
  if (isMissingToken(err)) return new ChatError('token', TOKEN_REASON, { code: '401', scope: 'bot', cause: err });
  if (err instanceof DiscordAPIError) {
    const code = typeof err.code === 'number' ? err.code : null;
    const row = code !== null ? DISCORD_ERRORS[code] : undefined;
    if (row) {
      return new ChatError(row.kind, row.reason, {
        code: String(code),
        cause: err,
        ...(row.kind === 'rate_limited' ? { retryAfterMs: CODE_RATE_LIMIT_MS, scope: 'channel' as const } : {}),
      });
    }
    if (err.status === 401) return new ChatError('token', TOKEN_REASON, { code: '401', scope: 'bot', cause: err });
    if (err.status === 429) return new ChatError('rate_limited', 'Discord rate limit', { code: '429', retryAfterMs: 1000, cause: err });
    if (err.status >= 500) return new ChatError('transient', `Discord answered ${err.status}`, { code: String(err.status), cause: err });
    return new ChatError('unknown', `Discord ${err.status} ${String(err.code)}: ${err.message}`, { code: String(err.code), cause: err });
  }
  // 5xx without a JSON body; with the client's retries off, the one answer there was.
  if (err instanceof HTTPError) return new ChatError('transient', `Discord answered HTTP ${err.status}`, { code: String(err.status), cause: err });
  // No answer at all (timeout, reset connection): the post may have gone through.
  const message = err instanceof Error ? err.message : String(err);
  return new ChatError('transient', `Discord request failed: ${message}`, { code: 'network', cause: err });
}
