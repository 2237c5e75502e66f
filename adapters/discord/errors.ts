import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { ChatError } from '../../src/chat/port.js';

/** Discord JSON error codes Paperboy acts on. */
export const DiscordCode = {
  UnknownChannel: 10003,
  UnknownMessage: 10008,
  MissingAccess: 50001,
  CannotSendToUser: 50007,
  MissingPermissions: 50013,
  InvalidFormBody: 50035,
  ThreadAlreadyCreated: 160004,
} as const;

/** Why a channel is paused, in words a server admin can act on. */
const PERMANENT: Record<number, string> = {
  [DiscordCode.MissingAccess]: 'Discord: the bot cannot see this channel (Missing Access). Give it View Channel, then /papers resume.',
  [DiscordCode.MissingPermissions]:
    'Discord: the bot lacks a permission here (Missing Permissions: Send Messages, Embed Links, Create Public Threads or Send Messages in Threads). Fix it, then /papers resume.',
  [DiscordCode.UnknownChannel]: 'Discord: this channel no longer exists (Unknown Channel).',
};

export function discordCode(err: unknown): number | null {
  return err instanceof DiscordAPIError && typeof err.code === 'number' ? err.code : null;
}

/**
 * A failed REST call as the pipeline needs it. Access errors are permanent so
 * they are never retried: Discord bans IPs that keep sending invalid requests.
 * 429s are normally absorbed by the REST queue; one surfaces here only if the
 * client was told to reject rate-limited calls.
 */
export function toChatError(err: unknown): ChatError {
  if (err instanceof ChatError) return err;
  if (err instanceof RateLimitError) {
    return new ChatError('rate_limited', `Discord rate limit on ${err.route}`, { code: 'rate_limited', retryAfterMs: Math.ceil(err.retryAfter), cause: err });
  }
  if (err instanceof DiscordAPIError) {
    const code = typeof err.code === 'number' ? err.code : null;
    const reason = code !== null ? PERMANENT[code] : undefined;
    if (reason) return new ChatError('permanent', reason, { code: String(code), scope: 'channel', cause: err });
    if (err.status === 401) {
      return new ChatError('permanent', 'Discord: the bot token was rejected (401). Set a valid DISCORD_TOKEN, then /papers resume.', {
        code: '401',
        scope: 'workspace',
        cause: err,
      });
    }
    if (err.status === 429) return new ChatError('rate_limited', 'Discord rate limit', { code: '429', retryAfterMs: 1000, cause: err });
    return new ChatError('transient', `Discord ${err.status} ${String(err.code)}: ${err.message}`, { code: String(err.code), cause: err });
  }
  if (err instanceof HTTPError) return new ChatError('transient', `Discord HTTP ${err.status}`, { code: String(err.status), cause: err });
  return new ChatError('transient', err instanceof Error ? err.message : String(err), { cause: err });
}
