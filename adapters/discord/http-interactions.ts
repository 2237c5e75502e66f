import type { IncomingMessage } from 'node:http';
import type { KeyObject } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../../src/clock.js';
import type { HttpRoutes } from '../../src/http/routes.js';
import type { InteractionHandler } from './interactions.js';
import { verifyDiscordSignature } from './verify.js';

export const INTERACTIONS_PATH = '/discord/interactions';

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * `POST /discord/interactions` on the shared server (HTTP interactions mode):
 * 401 unless Discord's Ed25519 signature holds, then the shared handler; its
 * first response is the HTTP response, follow-ups go over REST.
 */
export function mountInteractionsRoute(http: HttpRoutes, deps: { publicKey: KeyObject; handle: InteractionHandler; clock: Clock; logger: Logger }): void {
  http.add('POST', INTERACTIONS_PATH, async (req, res, body) => {
    const ok = verifyDiscordSignature(
      deps.publicKey,
      header(req, 'x-signature-ed25519'),
      header(req, 'x-signature-timestamp'),
      body,
      deps.clock.now().getTime(),
    );
    if (!ok) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid request signature"}');
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(body.toString('utf8'));
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"invalid json"}');
      return;
    }
    try {
      await deps.handle(raw, async (response) => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(response));
      });
    } catch (err) {
      deps.logger.error({ err }, 'discord interaction failed');
    } finally {
      // Every signed request gets an answer, even when the handler had nothing to say.
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"unhandled interaction"}');
    }
  });
}
