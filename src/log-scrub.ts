/*
 * What must never reach a log line, whatever logged it: our code, an SDK's
 * debug output (raw envelopes as strings), or an error's request URL. The
 * logger runs every finished line through `scrubLine`, so this holds at
 * every level, for text redact paths cannot reach.
 */

const R = '[redacted]';

/** Field names whose values are credentials or short-lived tokens, in JSON (quotes maybe escaped) or a form body. */
const SECRET_KEYS = 'token|access_token|refresh_token|bot_token|app_token|client_secret|signing_secret|response_url|trigger_id|password|authorization';

const RULES: [RegExp, string][] = [
  // "response_url":"…" inside a JSON line, or inside a JSON string logged as text (\"…\").
  [new RegExp(`(\\\\*"(?:${SECRET_KEYS})\\\\*"\\s*:\\s*\\\\*")(?:[^"\\\\]|\\\\(?!"))*`, 'gi'), `$1${R}`],
  // response_url=…&token=… in a form body.
  [new RegExp(`(\\b(?:${SECRET_KEYS})=)[^&\\s"\\\\]+`, 'gi'), `$1${R}`],
  // Slack tokens: bot, user, app-level, configuration, refresh.
  [/\bxox[a-z]-[\w-]*/gi, R],
  [/\bxapp-[\w-]*/gi, R],
  // response_url and incoming-webhook URLs.
  [/https?:\/\/hooks\.slack(?:-gov)?\.com\/[^\s"'\\]*/gi, R],
  // Discord interaction tokens and webhook tokens in REST paths.
  [/(\/webhooks\/\d+\/)[^/\s"'?\\]+/gi, `$1${R}`],
  [/(\/interactions\/\d+\/)[^/\s"'?\\]+/gi, `$1${R}`],
  // A Discord bot token: base64 user id . timestamp . HMAC.
  [/\b[\w-]{23,28}\.[\w-]{6,7}\.[\w-]{27,40}\b/g, R],
  // An OAuth code (oauth.v2.access request bodies, /slack/oauth_redirect URLs): two numbers and a long hex tail.
  [/\b\d{6,}\.\d{6,}\.[0-9a-f]{32,}\b/gi, R],
  // The OAuth state (a signed JWT) in a redirect URL.
  [/(\bstate=)[^&\s"'\\]+/gi, `$1${R}`],
  // Socket Mode's connection ticket.
  [/(\bticket=)[^&\s"'\\]+/gi, `$1${R}`],
  // Authorization headers written out.
  [/\b(Bearer|Bot)\s+[\w.~+/=-]{8,}/g, `$1 ${R}`],
  // A password in a URL: postgres://user:secret@host (one already masked as *** stays as it is).
  [/(\b[a-z][\w+.-]*:\/\/[^:/@\s"'\\]*:)(?!\*{3}@)[^@\s"'\\/]+@/gi, `$1${R}@`],
];

/** JSON-escaped forms too: a secret inside a string that was itself JSON. */
function variants(secret: string): string[] {
  const once = JSON.stringify(secret).slice(1, -1);
  const twice = JSON.stringify(once).slice(1, -1);
  return [...new Set([secret, once, twice, encodeURIComponent(secret)])];
}

/** A scrubber for one process: the configured secrets by value, then the patterns above. */
export function lineScrubber(secrets: readonly string[] = []): (line: string) => string {
  const exact = secrets.filter((s) => s.length >= 6).flatMap(variants);
  return (line) => {
    let out = line;
    for (const s of exact) if (out.includes(s)) out = out.split(s).join(R);
    for (const [re, to] of RULES) out = out.replace(re, to);
    return out;
  };
}

/** Error fields that hold request data (Discord's requestBody, axios's config and response) are left out. */
const DROPPED = new Set(['requestBody', 'rawError', 'config', 'request', 'response', 'headers', 'data', 'body']);

/**
 * pino's `err` serializer: type, message, stack and the error's own plain
 * fields (code, status, url…), its cause likewise; nested objects are left
 * out, since an SDK error carries whole requests there.
 */
export function serializeError(err: unknown, depth = 0): unknown {
  if (!(err instanceof Error)) return err;
  const out: Record<string, unknown> = { type: err.name, message: err.message, stack: err.stack };
  for (const [k, v] of Object.entries(err)) {
    if (DROPPED.has(k) || k in out) continue;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
  }
  if (err.cause !== undefined && depth < 3) out.cause = serializeError(err.cause, depth + 1);
  return out;
}
