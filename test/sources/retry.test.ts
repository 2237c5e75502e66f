import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SourceError } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import { createHfSource } from '../../src/sources/hf.js';
import { fixture, startSourceServer, type SourceServer } from '../support/source-server.js';
import { captureLogger, recordingSleep } from './log-capture.js';

let server: SourceServer;

beforeEach(async () => {
  server = await startSourceServer();
  server.route('/api/daily_papers', () => ({ body: fixture('hf/2026-03-09.json') }));
});
afterEach(() => server.close());

const DAY = '2026-03-09';

describe('source retries', () => {
  it('retries a 500 with backoff, then succeeds', async () => {
    const { sleep, waits } = recordingSleep();
    const { logger, lines } = captureLogger();
    server.failNext(2, { kind: 'status', status: 500 });
    const hf = createHfSource({ baseUrl: server.url, logger, sleep });

    const r = await hf.fetchDay(DAY);
    expect(r.papers).toHaveLength(5);
    expect(server.requests).toHaveLength(3);
    expect(waits).toEqual([1000, 2000]); // exponential
    expect(lines.filter((l) => l.msg === 'source request failed, retrying').map((l) => l.reason)).toEqual([
      expect.stringMatching(/HTTP 500/),
      expect.stringMatching(/HTTP 500/),
    ]);
  });

  it('honours Retry-After in seconds on a 429', async () => {
    const { sleep, waits } = recordingSleep();
    server.failNext(1, { kind: 'status', status: 429, retryAfter: '7' });
    const hf = createHfSource({ baseUrl: server.url, logger: silentLogger(), sleep });
    await hf.fetchDay(DAY);
    expect(waits).toEqual([7000]);
    expect(server.requests).toHaveLength(2);
  });

  it('honours Retry-After as an HTTP date, measured on the injected clock', async () => {
    const { sleep, waits } = recordingSleep();
    const now = Date.parse('2026-03-09T10:00:00Z');
    server.failNext(1, { kind: 'status', status: 503, retryAfter: 'Mon, 09 Mar 2026 10:00:12 GMT' });
    const hf = createHfSource({ baseUrl: server.url, logger: silentLogger(), sleep, now: () => now });
    await hf.fetchDay(DAY);
    expect(waits).toEqual([12_000]);
  });

  it('caps a Retry-After that would stall the cycle', async () => {
    const { sleep, waits } = recordingSleep();
    server.failNext(1, { kind: 'status', status: 429, retryAfter: '86400' });
    const hf = createHfSource({ baseUrl: server.url, logger: silentLogger(), sleep });
    await hf.fetchDay(DAY);
    expect(waits).toEqual([60_000]);
  });

  it('gives up after the bounded attempts with a retryable SourceError', async () => {
    const { sleep, waits } = recordingSleep();
    server.failNext(10, { kind: 'status', status: 429, retryAfter: '2' });
    const hf = createHfSource({ baseUrl: server.url, logger: silentLogger(), sleep, retries: 2 });
    const err = await hf.fetchDay(DAY).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect(err).toMatchObject({ source: 'hf', retryable: true, retryAfterMs: 2000, code: 'source_failed' });
    expect((err as SourceError).message).toMatch(/after 3 attempts: HTTP 429/);
    expect(server.requests).toHaveLength(3);
    expect(waits).toEqual([2000, 2000]);
  });

  it('times out a hanging server, retries, then throws SourceError', async () => {
    const { sleep, waits } = recordingSleep();
    server.failNext(2, { kind: 'hang' });
    const hf = createHfSource({ baseUrl: server.url, logger: silentLogger(), sleep, timeoutMs: 150, retries: 1 });
    const started = Date.now();
    const err = await hf.fetchDay(DAY).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'SourceError', retryable: true, message: expect.stringMatching(/timed out after 150 ms/) });
    expect(server.requests).toHaveLength(2);
    expect(waits).toEqual([1000]);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('recovers when only the first attempt hangs', async () => {
    const { sleep } = recordingSleep();
    server.failNext(1, { kind: 'hang' });
    const hf = createHfSource({ baseUrl: server.url, logger: silentLogger(), sleep, timeoutMs: 150 });
    await expect(hf.fetchDay(DAY)).resolves.toMatchObject({ papers: expect.arrayContaining([expect.objectContaining({ id: '2599.00001' })]) });
  });

  it('does not retry a 404', async () => {
    const { sleep, waits } = recordingSleep();
    server.failNext(1, { kind: 'status', status: 404 });
    const hf = createHfSource({ baseUrl: server.url, logger: silentLogger(), sleep });
    await expect(hf.fetchDay(DAY)).rejects.toMatchObject({ retryable: false, message: expect.stringMatching(/HTTP 404/) });
    expect(server.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('retries a refused connection as a network error', async () => {
    const { sleep, waits } = recordingSleep();
    const url = server.url;
    await server.close();
    const hf = createHfSource({ baseUrl: url, logger: silentLogger(), sleep, retries: 1 });
    await expect(hf.fetchDay(DAY)).rejects.toMatchObject({ retryable: true, message: expect.stringMatching(/network error/) });
    expect(waits).toEqual([1000]);
    server = await startSourceServer(); // afterEach closes something
  });
});
