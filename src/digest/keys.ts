import { createHash, randomBytes } from 'node:crypto';

/**
 * Idempotency keys are derived, not random, so a rerun after a crash computes
 * the same key for the same delivery. 24 characters: Discord's nonce allows 25.
 */
export function deliveryKey(channelId: number, kind: string, subject: string): string {
  return createHash('sha256').update(`${channelId}:${kind}:${subject}`).digest('base64url').slice(0, 24);
}

export function newDigestId(now: Date): string {
  return `d${now.getTime().toString(36)}${randomBytes(3).toString('hex')}`;
}
