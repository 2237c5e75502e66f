import type { HttpRoutes, RouteHandler } from '../../src/http/routes.js';
import { createHttpServer } from '../../src/http/server.js';
import { silentLogger } from '../../src/log.js';

/** The app's own shared HTTP server on an ephemeral 127.0.0.1 port, with its URL at hand for tests. */
export class TestRoutes implements HttpRoutes {
  private readonly server = createHttpServer(silentLogger());
  url = '';

  add(method: 'GET' | 'POST', path: string, handler: RouteHandler): void {
    this.server.add(method, path, handler);
  }

  async listen(): Promise<string> {
    this.url = `http://127.0.0.1:${await this.server.listen(0, '127.0.0.1')}`;
    return this.url;
  }

  close(): Promise<void> {
    return this.server.close();
  }
}
