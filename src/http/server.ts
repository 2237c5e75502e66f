import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { HttpRoutes, RouteHandler } from './routes.js';

const MAX_BODY_BYTES = 1 << 20;

class BodyTooLarge extends Error {
  override readonly name = 'BodyTooLarge';
}

export interface HttpServer extends HttpRoutes {
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
  readonly server: Server;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge(`request body over ${MAX_BODY_BYTES} bytes`));
        // Read the rest into nothing, so the 413 reaches the client instead of a reset connection.
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The one HTTP server on PORT; routes are exact method + path matches. */
export function createHttpServer(logger: Logger): HttpServer {
  const routes = new Map<string, RouteHandler>();
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const handler = routes.get(`${req.method} ${path}`);
    if (!handler) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not_found"}');
      return;
    }
    readBody(req)
      .then((body) => handler(req, res, body))
      .catch((err: unknown) => {
        if (err instanceof BodyTooLarge) {
          logger.warn({ path, maxBytes: MAX_BODY_BYTES }, 'request body too large; refused');
          if (!res.headersSent) res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
          res.end('{"error":"body_too_large"}');
          return;
        }
        logger.error({ err, path }, 'http handler failed');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end('{"error":"internal"}');
      });
  });
  return {
    server,
    add(method, path, handler) {
      routes.set(`${method} ${path}`, handler);
    },
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      });
    },
    close() {
      return new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      });
    },
  };
}
