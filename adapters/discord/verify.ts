import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { ConfigError } from '../../src/errors.js';

/** Signed requests older than this are refused, so a captured request cannot be replayed later. */
const MAX_AGE_SECONDS = 300;

/** The application's public key (64 hex characters, Developer Portal → General Information) as a Node key. */
export function publicKeyFromHex(hex: string): KeyObject {
  if (!/^[0-9a-fA-F]{64}$/.test(hex))
    throw new ConfigError('DISCORD_PUBLIC_KEY must be the 64-hex-character public key from the Developer Portal → General Information.');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(hex, 'hex').toString('base64url') }, format: 'jwk' });
}

/**
 * Discord signs `X-Signature-Timestamp + raw body` with Ed25519; the hex
 * signature is in `X-Signature-Ed25519`. Anything missing or malformed fails.
 */
export function verifyDiscordSignature(key: KeyObject, signature: string | undefined, timestamp: string | undefined, body: Buffer, nowMs: number): boolean {
  if (!signature || !timestamp || !/^[0-9a-fA-F]{128}$/.test(signature) || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_AGE_SECONDS) return false;
  try {
    return verify(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), body]), key, Buffer.from(signature, 'hex'));
  } catch {
    return false;
  }
}
