import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { ErrorCode, type WebAPIRateLimitedError } from '@slack/web-api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPostingClient } from '../../../adapters/slack/client.js';
import { createNodeFetch } from '../../../adapters/slack/node-fetch.js';
import { silentLogger } from '../../../src/log.js';

/*
 * Issue #10, point 4: every post pays for its HTTP call, so the Slack clients
 * post through Node's http (keep-alive) rather than the global fetch, which
 * costs about twice the CPU per call. What WebClient relies on must hold:
 * the request as it built it, the answer's status, headers and JSON, no
 * redirects, its timeout.
 */

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;
let server: Server | null = null;
let sockets = 0;

async function serve(handler: Handler): Promise<string> {
  sockets = 0;
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => handler(req, body, res));
  });
  server.on('connection', () => {
    sockets += 1;
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
}

afterEach(async () => {
  vi.unstubAllGlobals();
  const s = server;
  server = null;
  if (!s) return;
  s.closeAllConnections();
  await new Promise((resolve) => s.close(resolve));
});

const json = (res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) =>
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(value));

describe('the Slack clients’ HTTP', () => {
  it('posts without the global fetch, the request as WebClient built it, over one kept-alive connection', async () => {
    const seen: { url: string; auth: string | undefined; type: string | undefined; body: URLSearchParams }[] = [];
    const apiUrl = await serve((req, body, res) => {
      seen.push({ url: req.url ?? '', auth: req.headers.authorization, type: req.headers['content-type'], body: new URLSearchParams(body) });
      json(res, 200, { ok: true, channel: 'C1', ts: `1700000000.00000${seen.length}` });
    });
    vi.stubGlobal('fetch', () => Promise.reject(new Error('the global fetch was used')));
    const client = createPostingClient('xoxb-test', silentLogger(), { apiUrl });

    for (const text of ['first', 'second', 'third']) {
      const res = await client.chat.postMessage({ channel: 'C1', text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `*${text}* é ✓` } }] });
      expect(res).toMatchObject({ ok: true, ts: `1700000000.00000${seen.length}` });
    }
    expect(seen.map((s) => [s.url, s.auth, s.type])).toEqual(Array(3).fill(['/api/chat.postMessage', 'Bearer xoxb-test', 'application/x-www-form-urlencoded']));
    expect(seen.map((s) => s.body.get('text'))).toEqual(['first', 'second', 'third']);
    expect(JSON.parse(seen[2]?.body.get('blocks') ?? '')).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: '*third* é ✓' } }]);
    expect(sockets).toBe(1);
  });

  it('a 429 reaches the caller with its Retry-After; a gzip answer is read; an error answer keeps its code', async () => {
    let n = 0;
    const apiUrl = await serve((_req, _body, res) => {
      n += 1;
      if (n === 1) json(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': '7' });
      else if (n === 2)
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(gzipSync(JSON.stringify({ ok: true, ts: '1.000002' })));
      else json(res, 200, { ok: false, error: 'channel_not_found' });
    });
    const client = createPostingClient('xoxb-test', silentLogger(), { apiUrl });
    const limited = await client.chat.postMessage({ channel: 'C1', text: 'x' }).catch((e: WebAPIRateLimitedError) => e);
    expect(limited).toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 7 });
    expect(await client.chat.postMessage({ channel: 'C1', text: 'x' })).toMatchObject({ ok: true, ts: '1.000002' });
    expect(await client.chat.postMessage({ channel: 'C1', text: 'x' }).catch((e: unknown) => e)).toMatchObject({
      code: ErrorCode.PlatformError,
      data: { error: 'channel_not_found' },
    });
  });

  it('a redirect fails the call; an answer that never comes fails at the timeout; a cut-off answer fails', async () => {
    let n = 0;
    const apiUrl = await serve((_req, _body, res) => {
      n += 1;
      if (n === 1) res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' }).end();
      else if (n === 2)
        return; // never answered
      else {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' }).write('{"ok":');
        res.destroy();
      }
    });
    const client = createPostingClient('xoxb-test', silentLogger(), { apiUrl, clientOptions: { timeout: 200 } });
    const fail = (p: Promise<unknown>) =>
      p.then(
        () => 'answered',
        (e: { code?: string }) => e.code,
      );
    expect(await fail(client.chat.postMessage({ channel: 'C1', text: 'x' }))).toBe(ErrorCode.RequestError);
    const started = Date.now();
    expect(await fail(client.chat.postMessage({ channel: 'C1', text: 'x' }))).toBe(ErrorCode.RequestError);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await fail(client.chat.postMessage({ channel: 'C1', text: 'x' }))).toBe(ErrorCode.RequestError);
  });

  it('anything but a string body (a file upload’s form) goes to the global fetch', async () => {
    const global = vi.fn(async () => new Response('ok'));
    vi.stubGlobal('fetch', global);
    const form = new FormData();
    form.append('file', new Blob(['x']), 'a.bib');
    await createNodeFetch()('http://127.0.0.1:9/upload', { method: 'POST', body: form });
    expect(global).toHaveBeenCalledTimes(1);
  });
});
