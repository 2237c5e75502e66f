import { Agent as HttpAgent, type IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** Statuses whose Response must have no body. */
const NULL_BODY = new Set([101, 204, 205, 304]);

/**
 * The fetch the Slack clients hand to WebClient: Node's http and https with
 * keep-alive agents, for the one request shape WebClient sends (a POST with
 * a form-encoded string body, headers as a plain object). The global fetch
 * (undici, WHATWG streams) costs about twice the CPU per call, and every post
 * pays it: delivery runs at Slack's pace only while the process keeps up
 * (bench/delivery.bench.ts). Anything else (a FormData file upload) goes to
 * the global fetch. As with WebClient's own options: no redirect is
 * followed (one fails the call), and the signal (its timeout) aborts.
 */
export function createNodeFetch(): typeof fetch {
  const agents = { 'http:': new HttpAgent({ keepAlive: true }), 'https:': new HttpsAgent({ keepAlive: true }) };
  return (input, init) => {
    const body = init?.body;
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (typeof body !== 'string' || input instanceof Request || (url.protocol !== 'http:' && url.protocol !== 'https:')) return fetch(input, init);
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, key) => {
      headers[key] = value;
    });
    headers['content-length'] = String(Buffer.byteLength(body));
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<Response>((resolve, reject) => {
      const req = request(
        url,
        { method: init?.method ?? 'POST', headers, agent: agents[url.protocol as 'http:' | 'https:'], ...(init?.signal ? { signal: init.signal } : {}) },
        (res) => {
          const status = res.statusCode ?? 0;
          if (status >= 300 && status < 400 && res.headers.location && init?.redirect === 'error') {
            res.resume();
            reject(new TypeError(`fetch failed: redirected (${status}) to ${res.headers.location}`));
            return;
          }
          readBody(res).then((buffer) => {
            const h = new Headers();
            for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(', ') : v);
            resolve(new Response(NULL_BODY.has(status) ? null : new Uint8Array(buffer), { status, statusText: res.statusMessage ?? '', headers: h }));
          }, reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  };
}

/** The whole body, decoded as fetch would decode it. */
function readBody(res: IncomingMessage): Promise<Buffer> {
  const encoding = String(res.headers['content-encoding'] ?? '').toLowerCase();
  const decoder = encoding === 'gzip' ? createGunzip() : encoding === 'deflate' ? createInflate() : encoding === 'br' ? createBrotliDecompress() : null;
  const stream = decoder ? res.pipe(decoder) : res;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
    if (decoder) res.on('error', reject);
    res.on('close', () => {
      if (!res.complete) reject(new Error('fetch failed: the response was cut off'));
    });
  });
}
