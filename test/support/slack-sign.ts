import { createHmac } from 'node:crypto';

/** Sign as Slack does (v0: HMAC-SHA256 over "v0:{timestamp}:{raw body}", hex), for requests the tests send. */
export function signSlackRequest(secret: string, timestamp: number | string, body: Buffer | string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(body).digest('hex')}`;
}
