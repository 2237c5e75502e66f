import type { IncomingMessage, ServerResponse } from 'node:http';

/** `body` is the raw request body: signature checks need the exact bytes. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void | Promise<void>;

/** The one HTTP server (on PORT) that health, metrics, Slack and Discord share. */
export interface HttpRoutes {
  add(method: 'GET' | 'POST', path: string, handler: RouteHandler): void;
}
