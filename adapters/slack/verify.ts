import type { IncomingHttpHeaders } from 'node:http';
import { isValidSlackRequest } from '@slack/bolt';

/** Slack's replay window: a request signed more than five minutes away from now is refused. */
export const MAX_SKEW_S = 5 * 60;

export type VerifyResult = { ok: true } | { ok: false; reason: string };

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Check a request against the signing secret over the exact bytes received.
 * The HMAC comparison is Bolt's own (isValidSlackRequest); the checks before it
 * give a reason for the log and refuse timestamps from the future too, which
 * Bolt, checking only for stale ones, would let through.
 */
export function verifySlackSignature(secret: string, headers: IncomingHttpHeaders, body: Buffer, nowMs: number): VerifyResult {
  const ts = header(headers, 'x-slack-request-timestamp');
  const sig = header(headers, 'x-slack-signature');
  if (!ts || !sig) return { ok: false, reason: 'unsigned request' };
  if (!/^\d{1,12}$/.test(ts)) return { ok: false, reason: 'malformed timestamp' };
  if (Math.abs(Math.floor(nowMs / 1000) - Number(ts)) > MAX_SKEW_S) return { ok: false, reason: 'stale timestamp' };
  const valid = isValidSlackRequest({
    signingSecret: secret,
    body: body.toString('utf8'),
    headers: { 'x-slack-signature': sig, 'x-slack-request-timestamp': Number(ts) },
    nowMilliseconds: nowMs,
  });
  return valid ? { ok: true } : { ok: false, reason: 'signature mismatch' };
}
