import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpRoutes, RouteHandler } from '../../src/http/routes.js';

/** The smallest server that implements HttpRoutes, as the app's shared server does: raw body, exact routes. */
export class TestRoutes implements HttpRoutes {
  private readonly routes = new Map<string, RouteHandler>();
  private readonly server: Server = createServer((req, res) => {
    const handler = this.routes.get(`${req.method} ${(req.url ?? '/').split('?')[0]}`);
    if (!handler) {
      res.writeHead(404).end();
      return;
    }
    readBody(req)
      .then((body) => handler(req, res, body))
      .catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
  });
  url = '';

  add(method: 'GET' | 'POST', path: string, handler: RouteHandler): void {
    this.routes.set(`${method} ${path}`, handler);
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
