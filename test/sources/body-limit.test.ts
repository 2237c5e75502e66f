import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { SourceError } from '../../src/errors.js';
import { createArxivSource } from '../../src/sources/arxiv.js';
import { createHfSource } from '../../src/sources/hf.js';
import { captureLogger, recordingSleep } from './log-capture.js';

/*
 * Issue #11, point 7: a source's body is read up to PAPERS_FETCH_MAX_BYTES,
 * never more, with a log line that names the setting.
 */
let server: Server | null = null;
let sent = 0;

/** Answers every request with `total` bytes of JSON-ish filler, in 64 KiB chunks, with or without a length. */
async function serve(total: number, withLength: boolean): Promise<string> {
  sent = 0;
  server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', ...(withLength ? { 'content-length': String(total) } : {}) });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = (): void => {
      while (sent < total) {
        const n = Math.min(chunk.length, total - sent);
        sent += n;
        if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
          res.once('drain', pump);
          return;
        }
      }
      res.end();
    };
    req.socket.on('close', () => res.destroy());
    pump();
  });
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = null;
});

describe('source bodies are capped (PAPERS_FETCH_MAX_BYTES)', () => {
  it.each([
    ['with a Content-Length', true],
    ['streamed without one', false],
  ])('refuses a body over the cap %s, once, and logs it', async (_name, withLength) => {
    const url = await serve(8 * 1024 * 1024, withLength);
    const { logger, lines } = captureLogger();
    const { sleep, waits } = recordingSleep();
    const hf = createHfSource({ baseUrl: url, logger, sleep, maxBytes: 256 * 1024 });
    const err = await hf.fetchDay('2026-03-09').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).retryable).toBe(false);
    expect(String((err as Error).message)).toMatch(/PAPERS_FETCH_MAX_BYTES/);
    // Not retried: a body too big now will be too big in a second.
    expect(waits).toEqual([]);
    const line = lines.find((l) => /PAPERS_FETCH_MAX_BYTES/.test(l.msg));
    expect(line).toMatchObject({ level: 50, source: 'hf', maxBytes: 256 * 1024 });
    // Reading stopped near the cap, long before the 8 MiB the server had to send.
    expect(sent).toBeLessThan(4 * 1024 * 1024);
  });

  it('reads a body under the cap as before', async () => {
    const url = await serve(1000, false);
    const hf = createHfSource({ baseUrl: url, logger: captureLogger().logger, maxBytes: 2000, retries: 0 });
    // 1000 spaces are not a JSON array: the body was read whole and parsed.
    await expect(hf.fetchDay('2026-03-09')).rejects.toThrow(/not JSON/);
  });

  it('caps arXiv too', async () => {
    const url = await serve(1024 * 1024, true);
    const arxiv = createArxivSource({ apiUrl: `${url}/api/query`, categories: ['cs.LG'], logger: captureLogger().logger, maxBytes: 1000, minIntervalMs: 0 });
    await expect(arxiv.fetchDay('2026-03-09')).rejects.toThrow(/PAPERS_FETCH_MAX_BYTES/);
  });

  it('defaults to 50 MB, and ARXIV_API_URL to https', () => {
    const c = loadConfig({});
    expect(c.PAPERS_FETCH_MAX_BYTES).toBe(50 * 1024 * 1024);
    expect(c.ARXIV_API_URL).toBe('https://export.arxiv.org/api/query');
    expect(loadConfig({ PAPERS_FETCH_MAX_BYTES: '1048576' }).PAPERS_FETCH_MAX_BYTES).toBe(1048576);
  });
});
