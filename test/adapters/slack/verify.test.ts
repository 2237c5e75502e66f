import { describe, expect, it } from 'vitest';
import { verifySlackSignature } from '../../../adapters/slack/verify.js';

/**
 * The worked example of Slack's "Verifying requests from Slack"
 * (https://api.slack.com/authentication/verifying-requests-from-slack): secret,
 * timestamp, body and the signature Slack's own page gives for them.
 */
const DOC = {
  secret: '8f742231b10e8888abcd99yyyzzz85a5',
  timestamp: '1531420618',
  body: 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
  signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
};
const atDocTime = Number(DOC.timestamp) * 1000 + 30_000;
const headers = (over: Record<string, string | undefined> = {}) => ({
  'x-slack-request-timestamp': DOC.timestamp,
  'x-slack-signature': DOC.signature,
  ...over,
});

describe('Slack request verification (Bolt’s isValidSlackRequest)', () => {
  it("accepts Slack's documented example", () => {
    expect(verifySlackSignature(DOC.secret, headers(), Buffer.from(DOC.body), atDocTime)).toEqual({ ok: true });
  });

  it.each([
    ['another secret', { secret: '8f742231b10e8888abcd99yyyzzz85a6' }, 'signature mismatch'],
    ['one byte of the body changed', { body: DOC.body.replace('foobar', 'foobaz') }, 'signature mismatch'],
    ['one hex digit of the signature changed', { sig: DOC.signature.replace(/3$/, '4') }, 'signature mismatch'],
    ['an unknown signature version', { sig: DOC.signature.replace('v0=', 'v1=') }, 'signature mismatch'],
    ['no signature', { sig: '' }, 'unsigned request'],
    ['a timestamp that is not a number', { ts: '1531420618.5' }, 'malformed timestamp'],
    ['a request over five minutes old', { now: atDocTime + 5 * 60_000 }, 'stale timestamp'],
    ['a timestamp over five minutes in the future', { now: Number(DOC.timestamp) * 1000 - 6 * 60_000 }, 'stale timestamp'],
  ] as const)('refuses %s', (_name, change, reason) => {
    const c: { secret?: string; body?: string; sig?: string; ts?: string; now?: number } = change;
    const result = verifySlackSignature(
      c.secret ?? DOC.secret,
      headers({ 'x-slack-signature': c.sig ?? DOC.signature, 'x-slack-request-timestamp': c.ts ?? DOC.timestamp }),
      Buffer.from(c.body ?? DOC.body),
      c.now ?? atDocTime,
    );
    expect(result).toEqual({ ok: false, reason });
  });
});
