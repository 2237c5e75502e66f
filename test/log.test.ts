import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/log.js';

describe('logs', () => {
  it('are JSON lines and never carry a token, secret or authorization header', async () => {
    const out = new PassThrough();
    const chunks: string[] = [];
    out.on('data', (c: Buffer) => chunks.push(c.toString()));
    const log = createLogger('info', out);
    log.info(
      {
        slack: { botToken: 'xoxb-111-secret', signingSecret: 'shh-signing' },
        discord: { token: 'discord-secret-token' },
        req: { headers: { authorization: 'Bearer xoxb-222-secret' } },
      },
      'starting',
    );
    log.flush();
    await new Promise((r) => setImmediate(r));
    const text = chunks.join('');
    const line = JSON.parse(text.trim().split('\n')[0] ?? '{}') as { msg?: string };
    expect(line.msg).toBe('starting');
    for (const secret of ['xoxb-111-secret', 'shh-signing', 'discord-secret-token', 'xoxb-222-secret']) expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
  });
});

describe('logs scrub secrets wherever they turn up (issue #11, point 5)', () => {
  async function logged(write: (log: ReturnType<typeof createLogger>) => void, secrets: string[] = []): Promise<string> {
    const out = new PassThrough();
    const chunks: string[] = [];
    out.on('data', (c: Buffer) => chunks.push(c.toString()));
    const log = createLogger('trace', out, { secrets });
    write(log);
    log.flush();
    await new Promise((r) => setImmediate(r));
    return chunks.join('');
  }

  it.each([
    ['a Slack bot token in a message', (l: ReturnType<typeof createLogger>) => l.debug('calling with xoxb-1234-5678-abcdef'), /xoxb-/],
    ['a user token', (l: ReturnType<typeof createLogger>) => l.trace('xoxp-9-9-9'), /xoxp-/],
    ['an app-level token', (l: ReturnType<typeof createLogger>) => l.info({ note: 'xapp-1-A1-123-abc' }), /xapp-/],
    ['a response_url', (l: ReturnType<typeof createLogger>) => l.debug('posting to https://hooks.slack.com/commands/T1/2/abc'), /hooks\.slack\.com\//],
    [
      'a response_url field in a logged JSON string',
      (l: ReturnType<typeof createLogger>) => l.debug(JSON.stringify({ response_url: 'http://127.0.0.1:1/respond/x7y8z9' })),
      /x7y8z9/,
    ],
    ['a form body', (l: ReturnType<typeof createLogger>) => l.debug('token=legacy123456&response_url=http%3A%2F%2Fx%2Fy'), /legacy123456|http%3A/],
    [
      'an interaction token in a webhook path',
      (l: ReturnType<typeof createLogger>) => l.warn('PATCH /api/v10/webhooks/8001/aW50ZXJhY3Rpb24tdG9rZW4/messages/@original'),
      /aW50ZXJhY3Rpb24tdG9rZW4/,
    ],
    ['an interaction callback', (l: ReturnType<typeof createLogger>) => l.warn('POST /interactions/5001/tok-en-42/callback'), /tok-en-42/],
    ['a database password', (l: ReturnType<typeof createLogger>) => l.error('cannot reach postgres://paperboy:hunter2pw@db:5432/papers'), /hunter2pw/],
    ['a client secret field', (l: ReturnType<typeof createLogger>) => l.info({ oauth: { client_secret: 'cs-abcdef-123' } }), /cs-abcdef-123/],
    ['an authorization header', (l: ReturnType<typeof createLogger>) => l.debug('Authorization: Bot ODAw.GhT.qqqqqqqqqqqq'), /ODAw\.GhT/],
    [
      'a Socket Mode ticket',
      (l: ReturnType<typeof createLogger>) => l.debug('connecting to wss://wss.slack.com/link/?ticket=abc-123-def&app_id=A1'),
      /abc-123-def/,
    ],
  ])('%s', async (_name, write, leak) => {
    const text = await logged(write);
    expect(text).not.toMatch(leak);
    expect(text).toContain('[redacted]');
  });

  it('scrubs configured secrets by value, also inside JSON text', async () => {
    const text = await logged((l) => l.debug(`body ${JSON.stringify({ note: 'the s3cret-signing "value"' })}`), ['s3cret-signing "value"']);
    expect(text).not.toContain('s3cret-signing');
  });

  it('logs an SDK error without its request body and with its URL scrubbed', async () => {
    const err = Object.assign(new Error('Unknown Webhook'), {
      code: 10015,
      status: 404,
      url: 'http://127.0.0.1/api/v10/webhooks/8001/secret-interaction-token/messages/@original',
      requestBody: { json: { content: 'the answer' } },
    });
    const text = await logged((l) => l.error({ err }, 'failed'));
    const line = JSON.parse(text) as { err: Record<string, unknown> };
    expect(line.err).toMatchObject({ type: 'Error', message: 'Unknown Webhook', code: 10015, status: 404 });
    expect(line.err.requestBody).toBeUndefined();
    expect(text).not.toContain('secret-interaction-token');
    expect(text).not.toContain('the answer');
  });
});
