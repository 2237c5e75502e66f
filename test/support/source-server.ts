import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

/** Read a fixture under test/fixtures ("hf/2026-03-09.json"). */
export function fixture(rel: string): string {
  return readFileSync(join(FIXTURES, rel), 'utf8');
}

/** A day's Daily Papers items from test/fixtures/hf, or undefined when there is no fixture for it. */
export function hfFixtureDay(day: string): unknown[] | undefined {
  const rel = `hf/${day}.json`;
  return existsSync(join(FIXTURES, rel)) ? (JSON.parse(fixture(rel)) as unknown[]) : undefined;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `GET /api/daily_papers` as Hugging Face answers it: the day's items paged by
 * `p` (0-based) and `limit` (default 50); `[]` for a day with no list (a
 * weekend, a day not reached yet) and for a page past the end; 400 only for a
 * date that is not a day.
 */
export function hfDailyPapers(itemsOn: (day: string) => unknown[] | undefined = hfFixtureDay): Route {
  return (url) => {
    const date = url.searchParams.get('date') ?? '';
    if (!DAY.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) return { status: 400, body: JSON.stringify({ error: 'Invalid date' }) };
    const p = Number(url.searchParams.get('p') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 50);
    return { body: JSON.stringify((itemsOn(date) ?? []).slice(p * limit, (p + 1) * limit)) };
  };
}

export interface Answer {
  status?: number;
  body: string;
  headers?: Record<string, string>;
}

/** Answers a request to one path; undefined → 404. */
export type Route = (url: URL) => Answer | undefined;

export type Fault = { kind: 'status'; status: number; retryAfter?: string } | { kind: 'hang' };

export interface RecordedRequest {
  method: string;
  url: URL;
  /** Date.now() when the request arrived. */
  at: number;
}

export interface SourceServer {
  /** Base URL, e.g. "http://127.0.0.1:41234". */
  url: string;
  requests: RecordedRequest[];
  route(path: string, handler: Route): void;
  /** The next `n` requests, whatever their path, get `fault` instead of their route. */
  failNext(n: number, fault: Fault): void;
  close(): Promise<void>;
}

/** A local stand-in for huggingface.co and export.arxiv.org, serving fixtures by route. */
export async function startSourceServer(): Promise<SourceServer> {
  const routes = new Map<string, Route>();
  const faults: Fault[] = [];
  const requests: RecordedRequest[] = [];

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ method: req.method ?? 'GET', url, at: Date.now() });
    const fault = faults.shift();
    if (fault?.kind === 'hang') return; // never answers; close() drops the socket
    if (fault) {
      const headers: Record<string, string> = { 'content-type': 'text/plain' };
      if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
      res.writeHead(fault.status, headers).end(`fault ${fault.status}`);
      return;
    }
    const answer = routes.get(url.pathname)?.(url);
    if (!answer) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no route');
      return;
    }
    const type = answer.body.trimStart().startsWith('<') ? 'application/atom+xml' : 'application/json';
    res.writeHead(answer.status ?? 200, { 'content-type': type, ...answer.headers }).end(answer.body);
  };

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    route: (path, handler) => void routes.set(path, handler),
    failNext: (n, fault) => {
      for (let i = 0; i < n; i += 1) faults.push(fault);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
