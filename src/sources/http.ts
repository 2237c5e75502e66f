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
}

/** The transport settings every HTTP source takes; the rest of its options are its own. */
export interface SourceHttpOptions {
  logger: Logger;
  timeoutMs?: number;
  retries?: number;
  fetch?: typeof fetch;
  sleep?: Sleep;
  now?: () => number;
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
    const body = await res.text();
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

function snippet(body: string): string {
  const flat = oneLine(body);
  return flat.length > 120 ? `${flat.slice(0, 120)}…` : flat;
}
