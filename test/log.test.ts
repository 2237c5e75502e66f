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
