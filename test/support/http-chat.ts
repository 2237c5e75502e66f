import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChannelPacer } from '../../src/chat/pacer.js';
import { ChatError, type ChatPort, type Platform } from '../../src/chat/port.js';

/**
 * A minimal chat platform over HTTP on 127.0.0.1, for tests and benchmarks
 * that need a real network hop: counts posts per idempotency key, can limit
 * each channel to one post per `perChannelIntervalMs` (429 + Retry-After
 * beyond), and calls `onPost` once a post is recorded, before answering.
 */
export interface HttpChatFake {
  base: string;
  posts: Map<string, number>;
  rejected(): number;
  close(): Promise<void>;
}

export async function startHttpChatFake(
  opts: { perChannelIntervalMs?: number; onPost?: (key: string, res: ServerResponse) => boolean } = {},
): Promise<HttpChatFake> {
  const posts = new Map<string, number>();
  const lastAccepted = new Map<string, number>();
  let rejected = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (req.method === 'GET' && url.pathname === '/exists') {
        res.end(JSON.stringify({ exists: posts.has(url.searchParams.get('key') ?? '') }));
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString()) as { channel: string; key: string };
      const now = Date.now();
      const last = lastAccepted.get(body.channel);
      if (opts.perChannelIntervalMs && last !== undefined && now - last < opts.perChannelIntervalMs) {
        rejected += 1;
        const wait = (opts.perChannelIntervalMs - (now - last)) / 1000;
        res.writeHead(429, { 'retry-after': String(Math.ceil(wait)), 'content-type': 'application/json' }).end(JSON.stringify({ retry_after: wait }));
        return;
      }
      lastAccepted.set(body.channel, now);
      posts.set(body.key, (posts.get(body.key) ?? 0) + 1);
      // onPost may keep the response open (to kill the poster before it hears back).
      if (opts.onPost?.(body.key, res) === false) return;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, id: `${body.channel}-${posts.size}` }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    posts,
    rejected: () => rejected,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A chat port posting to the fake; like the real adapters it looks for its earlier post when `maybeSent`. */
export function createHttpChatPort(base: string, opts: { platform?: Platform; pacer?: ChannelPacer } = {}): ChatPort {
  return {
    platform: opts.platform ?? 'slack',
    async send(channel, _message, send) {
      if (send.maybeSent) {
        const r = (await (await fetch(`${base}/exists?key=${encodeURIComponent(send.idempotencyKey)}`)).json()) as { exists: boolean };
        if (r.exists) return { messageId: send.idempotencyKey, threadId: null };
      }
      const post = () =>
        fetch(`${base}/post`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ channel: channel.channelId, key: send.idempotencyKey }),
        });
      const res = await (opts.pacer ? opts.pacer.run(channel.channelId, post) : post());
      if (res.status === 429) {
        const { retry_after } = (await res.json()) as { retry_after: number };
        opts.pacer?.holdOff(channel.channelId, retry_after * 1000);
        throw new ChatError('rate_limited', 'ratelimited', { retryAfterMs: opts.pacer ? 0 : retry_after * 1000 });
      }
      const body = (await res.json()) as { id: string };
      return { messageId: body.id, threadId: body.id };
    },
  };
}
