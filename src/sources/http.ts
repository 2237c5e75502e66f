import { oneLine } from '../util/text.js';
import type { Logger } from 'pino';
import { SourceError } from '../errors.js';
import type { SourceName } from '../papers/paper.js';
import { sleep as realSleep } from '../util/limit.js';
import { parseRetryAfter } from './retry-after.js';

export type Sleep = (ms: number) => Promise<void>;

export { realSleep };

export interface HttpOptions {
  source: SourceName;
  logger: Logger;
  fetch: typeof fetch;
  timeoutMs: number;
  /** Attempts after the first one. */
  retries: number;
  sleep: Sleep;
  now: () => number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A server asking for a longer pause than this gets this: a digest must not stall for an hour. */
  maxRetryAfterMs?: number;
  /** Runs around every attempt (retries included), e.g. the arXiv rate limit. */
  gate?: <T>(attempt: () => Promise<T>) => Promise<T>;
  /** PAPERS_FETCH_MAX_BYTES: a body is read up to this many bytes, never more. */
  maxBytes: number;
}

/** PAPERS_FETCH_MAX_BYTES's default: a month of Daily Papers is a few MB; anything near this is not a paper list. */
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

/** The transport settings every HTTP source takes; the rest of its options are its own. */
export interface SourceHttpOptions {
  logger: Logger;
  timeoutMs?: number;
  retries?: number;
  fetch?: typeof fetch;
  sleep?: Sleep;
  now?: () => number;
  /** PAPERS_FETCH_MAX_BYTES (default 50 MB). */
  maxBytes?: number;
}

/** `getText` settings from a source's options; only the time-out default differs between sources. */
export function sourceHttp(source: SourceName, opts: SourceHttpOptions, defaultTimeoutMs: number): HttpOptions {
  return {
    source,
    logger: opts.logger,
    fetch: opts.fetch ?? globalThis.fetch,
    timeoutMs: opts.timeoutMs ?? defaultTimeoutMs,
    retries: opts.retries ?? 3,
    sleep: opts.sleep ?? realSleep,
    now: opts.now ?? Date.now,
    maxBytes: opts.maxBytes ?? DEFAULT_MAX_BYTES,
  };
}

type Outcome = { ok: true; body: string } | { ok: false; retryable: boolean; reason: string; retryAfterMs: number | null; cause?: unknown };

const DEFAULTS = { baseDelayMs: 1_000, maxDelayMs: 30_000, maxRetryAfterMs: 60_000 };

/**
 * GET a text body. Time-outs, network errors, 429 and 5xx are retried with
 * exponential backoff (or the server's Retry-After); other statuses fail at
 * once, since asking again will not change a 400 or a 404.
 */
export async function getText(url: string, opts: HttpOptions): Promise<string> {
  const o = { ...DEFAULTS, ...opts };
  const gate = o.gate ?? ((attempt) => attempt());
  let last: Extract<Outcome, { ok: false }> | null = null;
  for (let attempt = 0; attempt <= o.retries; attempt += 1) {
    if (last) {
      const backoff = Math.min(o.baseDelayMs * 2 ** (attempt - 1), o.maxDelayMs);
      const delay = last.retryAfterMs !== null ? Math.min(last.retryAfterMs, o.maxRetryAfterMs) : backoff;
      o.logger.warn({ source: o.source, url, attempt, delayMs: delay, reason: last.reason }, 'source request failed, retrying');
      await o.sleep(delay);
    }
    const outcome = await gate(() => attemptOnce(url, o));
    if (outcome.ok) return outcome.body;
    if (!outcome.retryable) throw new SourceError(o.source, `GET ${url}: ${outcome.reason}`, false, { cause: outcome.cause });
    last = outcome;
  }
  const reason = last?.reason ?? 'no attempt made';
  const retryAfterMs = last?.retryAfterMs ?? undefined;
  throw new SourceError(o.source, `GET ${url} failed after ${o.retries + 1} attempts: ${reason}`, true, { cause: last?.cause, retryAfterMs });
}

async function attemptOnce(url: string, o: HttpOptions): Promise<Outcome> {
  try {
    const res = await o.fetch(url, {
      signal: AbortSignal.timeout(o.timeoutMs),
      headers: { accept: '*/*', 'user-agent': 'paperboy/0.1 (research paper digest bot)' },
    });
    const read = await readCapped(res, o.maxBytes);
    if (read === null) {
      o.logger.error(
        { source: o.source, url, maxBytes: o.maxBytes, contentLength: res.headers.get('content-length') },
        `source response is larger than PAPERS_FETCH_MAX_BYTES (${o.maxBytes} bytes); stopped reading it`,
      );
      // Not retried: the same request will bring the same body.
      return { ok: false, retryable: false, reason: `response larger than PAPERS_FETCH_MAX_BYTES (${o.maxBytes} bytes)`, retryAfterMs: null };
    }
    const body = read;
    if (res.ok) return { ok: true, body };
    const retryable = res.status === 429 || res.status >= 500;
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), o.now());
    return { ok: false, retryable, reason: `HTTP ${res.status} ${snippet(body)}`.trim(), retryAfterMs };
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    const reason = timedOut ? `timed out after ${o.timeoutMs} ms` : `network error: ${err instanceof Error ? err.message : String(err)}`;
    return { ok: false, retryable: true, reason, retryAfterMs: null, cause: err };
  }
}

/**
 * The body as text, or null once it passes `maxBytes` (announced by
 * Content-Length or found while reading): the rest is never read into memory.
 */
async function readCapped(res: Response, maxBytes: number): Promise<string | null> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    return null;
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    text += decoder.decode(value, { stream: true });
  }
}

function snippet(body: string): string {
  const flat = oneLine(body);
  return flat.length > 120 ? `${flat.slice(0, 120)}…` : flat;
}
