import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { blocksProblem } from './fake-slack-blocks.js';
import { SlackSurfaces } from './fake-slack-surfaces.js';

export interface RecordedCall {
  method: string;
  /** Form fields, with JSON-valued fields (blocks, metadata) decoded. */
  body: Record<string, unknown>;
  token: string | null;
  at: number;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown;
  metadata: unknown;
  threadTs: string | null;
}

/**
 * What the bot's relation to a channel is: `member` posts; `public` and
 * `private` answer not_in_channel (only `public` can be joined); `archived`
 * and `missing` answer is_archived and channel_not_found.
 */
export type ChannelState = 'member' | 'public' | 'private' | 'archived' | 'missing';

type Scripted = { method: string; error: string } | { method: string; retryAfter: number } | { method: string; drop: true };

const JSON_FIELDS = new Set(['blocks', 'metadata', 'attachments', 'view', 'files']);
const RETRY_AFTER_STATUS = 429;

/** A local stand-in for Slack's Web API and response_url endpoint, on 127.0.0.1. */
export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  /** Bodies POSTed to response_url endpoints, by their id. */
  readonly responses: { id: string; body: Record<string, unknown> }[] = [];
  readonly messages: StoredMessage[] = [];
  readonly token = 'xoxb-fake-token';
  readonly botUserId = 'UBOTFAKE';
  readonly botId = 'BBOTFAKE';
  readonly teamId = 'TFAKE';
  /** The app-level token apps.connections.open accepts (Socket Mode). */
  readonly appToken = 'xapp-fake-token';
  /** Where apps.connections.open sends Socket Mode clients; null refuses them. */
  socketUrl: string | null = null;
  /** Modals, Home tabs, ephemeral messages and uploaded files (fake-slack-surfaces.ts). */
  readonly surfaces = new SlackSurfaces(() => this.origin);
  private readonly channels = new Map<string, ChannelState>();
  private readonly scripted: Scripted[] = [];
  private seq = 0;

  private constructor(
    private readonly server: Server,
    readonly origin: string,
  ) {}

  static async start(): Promise<FakeSlack> {
    let fake: FakeSlack | null = null;
    const server = createServer((req, res) => void fake?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new FakeSlack(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return fake;
  }

  /** The WebClient's slackApiUrl. */
  get apiUrl(): string {
    return `${this.origin}/api/`;
  }

  responseUrl(id: string): string {
    return `${this.origin}/respond/${id}`;
  }

  setChannel(id: string, state: ChannelState): this {
    this.channels.set(id, state);
    return this;
  }

  /** The next call to `method` fails with this Slack error code. */
  failNext(method: string, error: string): this {
    this.scripted.push({ method, error });
    return this;
  }

  /** The next call to `method` gets HTTP 429 with Retry-After. */
  rateLimitNext(method: string, retryAfterSeconds: number): this {
    this.scripted.push({ method, retryAfter: retryAfterSeconds });
    return this;
  }

  /**
   * The next call to `method` is carried out, then the connection is cut before
   * the answer: the caller cannot know it succeeded (a crash or a lost response).
   */
  dropResponseNext(method: string): this {
    this.scripted.push({ method, drop: true });
    return this;
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  posts(channel?: string): StoredMessage[] {
    return this.messages.filter((m) => !channel || m.channel === channel);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', this.origin);
    if (url.pathname.startsWith('/respond/')) {
      this.responses.push({ id: url.pathname.slice('/respond/'.length), body: JSON.parse(raw) as Record<string, unknown> });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (url.pathname.startsWith('/upload/')) {
      const ok = this.surfaces.upload(url.pathname.slice('/upload/'.length), raw, req.headers['content-type']);
      res.writeHead(ok ? 200 : 404, { 'content-type': 'text/plain' }).end(ok ? 'OK' : 'not found');
      return;
    }
    const method = url.pathname.replace(/^\/api\//, '');
    const body = parseBody(req.headers['content-type'], raw);
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : typeof body.token === 'string' ? body.token : null;
    this.calls.push({ method, body, token, at: Date.now() });

    const i = this.scripted.findIndex((s) => s.method === method);
    if (i >= 0) {
      const [s] = this.scripted.splice(i, 1);
      if (s && 'drop' in s) {
        this.answer(method, body);
        req.socket.destroy();
        return;
      }
      if (s && 'retryAfter' in s) {
        res
          .writeHead(RETRY_AFTER_STATUS, { 'content-type': 'application/json', 'retry-after': String(s.retryAfter) })
          .end('{"ok":false,"error":"ratelimited"}');
        return;
      }
      if (s) return reply(res, { ok: false, error: s.error });
    }
    if (method === 'apps.connections.open' && token === this.appToken) {
      return reply(res, this.socketUrl ? { ok: true, url: this.socketUrl } : { ok: false, error: 'internal_error' });
    }
    if (token !== this.token) return reply(res, { ok: false, error: token ? 'invalid_auth' : 'not_authed' });
    reply(res, this.answer(method, body));
  }

  private state(channel: string): ChannelState {
    // Posting to a user id lands in the bot's DM with them.
    if (/^[UW]/.test(channel)) return 'member';
    return this.channels.get(channel) ?? 'member';
  }

  private answer(method: string, body: Record<string, unknown>): Record<string, unknown> {
    const channel = typeof body.channel === 'string' ? body.channel : '';
    const state = this.state(channel);
    const channelError = state === 'missing' ? 'channel_not_found' : state === 'archived' ? 'is_archived' : null;
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: this.botUserId, bot_id: this.botId, team_id: this.teamId, user: 'paperboy', team: 'Fake' };
      case 'chat.postMessage': {
        if (channelError) return { ok: false, error: channelError };
        if (state !== 'member') return { ok: false, error: 'not_in_channel' };
        const text = typeof body.text === 'string' ? body.text : '';
        if (body.blocks !== undefined) {
          const problem = blocksProblem(body.blocks);
          if (problem) return { ok: false, error: 'invalid_blocks', errors: [problem] };
        } else if (!text) return { ok: false, error: 'no_text' };
        this.seq += 1;
        const ts = `${Math.floor(Date.now() / 1000)}.${String(this.seq).padStart(6, '0')}`;
        const threadTs = typeof body.thread_ts === 'string' ? body.thread_ts : null;
        this.messages.push({ channel, ts, text, blocks: body.blocks, metadata: body.metadata, threadTs });
        return { ok: true, channel, ts, message: { type: 'message', text, ts, bot_id: this.botId } };
      }
      case 'chat.getPermalink': {
        if (channelError) return { ok: false, error: channelError };
        const ts = typeof body.message_ts === 'string' ? body.message_ts : '';
        const message = this.messages.find((m) => m.channel === channel && m.ts === ts);
        if (!message) return { ok: false, error: 'message_not_found' };
        // Real permalinks carry the workspace's own domain; a threaded message also names its parent.
        const thread = message.threadTs ? `?thread_ts=${message.threadTs}&cid=${channel}` : '';
        return { ok: true, channel, permalink: `https://fake-workspace.slack.com/archives/${channel}/p${ts.replace('.', '')}${thread}` };
      }
      case 'conversations.join':
        if (channelError) return { ok: false, error: channelError };
        if (state === 'private') return { ok: false, error: 'method_not_supported_for_channel_type' };
        this.channels.set(channel, 'member');
        return { ok: true, channel: { id: channel, is_member: true } };
      case 'conversations.history': {
        if (channelError) return { ok: false, error: channelError };
        if (state !== 'member') return { ok: false, error: 'not_in_channel' };
        const withMeta = body.include_all_metadata === 'true' || body.include_all_metadata === true;
        const oldest = Number(body.oldest ?? 0);
        const limit = Number(body.limit ?? 100);
        const found = this.messages
          .filter((m) => m.channel === channel && m.threadTs === null && Number(m.ts) >= oldest)
          .reverse()
          .slice(0, limit)
          .map((m) => ({ type: 'message', ts: m.ts, text: m.text, bot_id: this.botId, ...(withMeta && m.metadata ? { metadata: m.metadata } : {}) }));
        return { ok: true, messages: found, has_more: false };
      }
      default:
        return this.surfaces.answer(method, body) ?? { ok: false, error: 'unknown_method' };
    }
  }
}

function reply(res: ServerResponse, body: Record<string, unknown>): void {
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseBody(contentType: string | undefined, raw: string): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.startsWith('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) out[k] = JSON_FIELDS.has(k) ? JSON.parse(v) : v;
  return out;
}
