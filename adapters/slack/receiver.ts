import type { IncomingMessage, ServerResponse } from 'node:http';
import { type App, ErrorCode, type Receiver, type ReceiverEvent } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Clock } from '../../src/clock.js';
import type { HttpRoutes } from '../../src/http/routes.js';
import { parseSlackBody, slackBodyProblem } from './parse-body.js';
import { verifySlackSignature } from './verify.js';

export const SLACK_EVENTS_PATH = '/slack/events';

export interface RouteReceiverOptions {
  routes: HttpRoutes;
  signingSecret: string;
  clock: Clock;
  logger: Logger;
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  if (res.headersSent) return;
  if (body === undefined || body === '') res.writeHead(status).end();
  else if (typeof body === 'string') res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(body);
  else res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function retryInfo(req: IncomingMessage): Pick<ReceiverEvent, 'retryNum' | 'retryReason'> {
  const num = Number(req.headers['x-slack-retry-num']);
  const reason = req.headers['x-slack-retry-reason'];
  return { ...(Number.isInteger(num) ? { retryNum: num } : {}), ...(typeof reason === 'string' ? { retryReason: reason } : {}) };
}

/** The answer to a slash command from a workspace Paperboy holds no installation for. */
export const NOT_INSTALLED =
  'Paperboy is not installed in this workspace (or it was removed), so nothing was done. A workspace admin can install it from /slack/install on the Paperboy server.';

function isAuthorizationError(err: unknown): boolean {
  return err instanceof Error && (err as Error & { code?: unknown }).code === ErrorCode.AuthorizationError;
}

function teamOf(body: Record<string, unknown>): string | undefined {
  if (typeof body.team_id === 'string') return body.team_id;
  const team = body.team;
  if (team && typeof team === 'object' && 'id' in team && typeof team.id === 'string') return team.id;
  return undefined;
}

/**
 * A Bolt receiver on the app's one HTTP server (POST /slack/events) instead of
 * a server of its own. Every request is verified before anything is parsed:
 * unsigned, stale or wrongly signed requests get 401 and reach no listener.
 */
export class RouteReceiver implements Receiver {
  private app: App | null = null;
  private mounted = false;
  private running = false;
  private readonly log: Logger;

  constructor(private readonly opts: RouteReceiverOptions) {
    this.log = opts.logger.child({ component: 'slack-receiver' });
  }

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {
    // HttpRoutes cannot remove a route, so a stopped receiver stays mounted and answers 503.
    if (!this.mounted) this.opts.routes.add('POST', SLACK_EVENTS_PATH, (req, res, body) => this.handle(req, res, body));
    this.mounted = true;
    this.running = true;
  }

  async stop(): Promise<void> {
    this.running = false;
  }

  private async handle(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
    const verdict = verifySlackSignature(this.opts.signingSecret, req.headers, raw, this.opts.clock.now().getTime());
    if (!verdict.ok) {
      this.log.warn({ reason: verdict.reason }, 'refused a request to /slack/events');
      send(res, 401);
      return;
    }
    if (!this.running || !this.app) {
      this.log.warn('a Slack request arrived while the Slack adapter is stopped');
      send(res, 503);
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = parseSlackBody(req.headers, raw);
    } catch (err) {
      this.log.warn({ err }, 'malformed Slack request body');
      send(res, 400);
      return;
    }
    if (body.ssl_check === '1') return send(res, 200);
    if (body.type === 'url_verification') return send(res, 200, { challenge: body.challenge });
    const problem = slackBodyProblem(body);
    if (problem) {
      this.log.warn({ problem: problem.slice(0, 300) }, 'a signed Slack request in no shape Slack sends; refused');
      send(res, 400);
      return;
    }

    let acked = false;
    const event: ReceiverEvent = {
      body,
      ...retryInfo(req),
      ack: async (response?: unknown) => {
        if (acked) return;
        acked = true;
        send(res, 200, response);
      },
    };
    try {
      await this.app.processEvent(event);
    } catch (err) {
      if (isAuthorizationError(err)) {
        // No installation for this team: a retry cannot succeed, and a 500 makes Slack retry thrice and show
        // "dispatch_failed". Answer once, and tell a person who ran a command how to install.
        this.log.warn({ team: teamOf(body) }, 'a Slack request from a workspace with no installation; answered without running it');
        if (!acked) send(res, 200, typeof body.command === 'string' ? { response_type: 'ephemeral', text: NOT_INSTALLED } : undefined);
        return;
      }
      this.log.error({ err }, 'a Slack listener failed');
      if (!acked) send(res, 500);
      return;
    }
    // Nothing listened (say, an interaction we post no components for): answer so Slack does not retry.
    if (!acked) send(res, 200);
  }
}
