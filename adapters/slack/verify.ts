import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Slack's replay window: a request signed more than five minutes away from now is refused. */
export const MAX_SKEW_S = 5 * 60;

export type VerifyResult = { ok: true } | { ok: false; reason: string };

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The v0 signature Slack sends: HMAC-SHA256 over "v0:{timestamp}:{raw body}", hex. */
export function signSlackRequest(secret: string, timestamp: number | string, body: Buffer | string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(body).digest('hex')}`;
}

/** Check a request against the signing secret over the exact bytes received. */
export function verifySlackSignature(secret: string, headers: IncomingHttpHeaders, body: Buffer, nowMs: number): VerifyResult {
  const ts = header(headers, 'x-slack-request-timestamp');
  const sig = header(headers, 'x-slack-signature');
  if (!ts || !sig) return { ok: false, reason: 'unsigned request' };
  if (!/^\d{1,12}$/.test(ts)) return { ok: false, reason: 'malformed timestamp' };
  if (Math.abs(Math.floor(nowMs / 1000) - Number(ts)) > MAX_SKEW_S) return { ok: false, reason: 'stale timestamp' };
  const expected = Buffer.from(signSlackRequest(secret, ts, body));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature mismatch' };
  return { ok: true };
}
