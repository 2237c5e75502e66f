import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { blocksProblem } from './fake-slack-blocks.js';
import { type Grant, SlackWorkspaces } from './fake-slack-oauth.js';
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
  /** A person's message (no bot_id), for history reads. */
  user?: string;
}

/**
 * What the bot's relation to a channel is: `member` posts; `public` answers
 * not_in_channel and can be joined; `private` (the bot was never invited)
 * answers channel_not_found like Slack, which cannot tell such a channel
 * exists; `archived` and `missing` answer is_archived and channel_not_found.
 */
export type ChannelState = 'member' | 'public' | 'private' | 'archived' | 'missing';

/** What users.info tells about a person; absent flags are false, as Slack sends them. */
export interface FakeUser {
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
  /** A multi-channel guest. */
  is_restricted?: boolean;
  /** A single-channel guest. */
  is_ultra_restricted?: boolean;
  is_bot?: boolean;
  deleted?: boolean;
  /** The person's team; the fake's own team (TFAKE) when unset. */
  team?: string;
}

type Scripted =
  | { method: string; error: string }
  | { method: string; retryAfter: number }
  | { method: string; drop: true }
  | { method: string; hold: true }
  | { method: string; status: number }
  | { method: string; delayMs: number };

export interface FakeSlackOptions {
  /** The fake's clock (ms): rate windows, response_url lifetimes, message ts. */
  now?: () => number;
  /**
   * chat.postMessage limits, off unless set: Slack's documented one per second
   * per channel, and its undocumented workspace-wide one. Beyond them: 429 with
   * Retry-After in whole seconds.
   */
  postLimits?: { perChannelPerSecond?: number; perWorkspacePerSecond?: number };
  /**
   * conversations.history for apps outside the Marketplace (the default):
   * about one call a minute and at most 15 messages a page. Counted across
   * all teams unless `perWorkspace` (Slack's limits are per app and
   * workspace: the scale bench, with many teams installed, counts each apart).
   */
  history?: { perMinute: number; pageMax: number; perWorkspace?: boolean };
}

/** response_url: at most 5 posts, within 30 minutes of the command. */
const RESPONSE_URL_POSTS = 5;
const RESPONSE_URL_LIFETIME_MS = 30 * 60_000;

/** Methods about a person (`user`, `user_id`, `users`): another team's people are user_not_found to a token. */
const PEOPLE_METHODS = new Set(['users.info', 'conversations.open', 'views.publish']);
const JSON_FIELDS = new Set(['blocks', 'metadata', 'attachments', 'view', 'files']);
const RETRY_AFTER_STATUS = 429;

/** A local stand-in for Slack's Web API and response_url endpoint, on 127.0.0.1. */
export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  /** Bodies POSTed to response_url endpoints, by their id. */
  readonly responses: { id: string; body: Record<string, unknown>; at: number }[] = [];
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
  /** The distributable app: other teams and organizations, installs, their tokens (fake-slack-oauth.ts). */
  readonly workspaces: SlackWorkspaces;
  /** When set, response_url posts answer 404 expired_url, as Slack does after 30 minutes or 5 uses. */
  expireResponses = false;
  private readonly channels = new Map<string, ChannelState>();
  /** Which team each channel is in; unlisted channels are in the fake's own team (TFAKE). */
  private readonly channelTeams = new Map<string, string>();
  /** Every 429 the fake answered, by method. */
  readonly rateLimited: { method: string; channel: string }[] = [];
  private readonly users = new Map<string, FakeUser>();
  private readonly scripted: Scripted[] = [];
  private readonly limitedUntil = new Map<string, number>();
  private readonly limitFromNext = new Map<string, number>();
  private readonly accepted = new Map<string, number[]>();
  private readonly responseUrls = new Map<string, { createdAt: number; posts: number }>();
  /** conversations.history calls in the last minute, by team ('*' unless history.perWorkspace). */
  private readonly historyCalls = new Map<string, number[]>();
  private seq = 0;
  private readonly now: () => number;
  readonly historyLimits: { perMinute: number; pageMax: number; perWorkspace?: boolean };

  private constructor(
    private readonly server: Server,
    readonly origin: string,
    private readonly opts: FakeSlackOptions,
  ) {
    this.now = opts.now ?? Date.now;
    this.workspaces = new SlackWorkspaces(this.now);
    this.historyLimits = opts.history ?? { perMinute: 1, pageMax: 15 };
  }

  static async start(opts: FakeSlackOptions = {}): Promise<FakeSlack> {
    let fake: FakeSlack | null = null;
    const server = createServer((req, res) => void fake?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new FakeSlack(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, opts);
    return fake;
  }

  /** The WebClient's slackApiUrl. */
  get apiUrl(): string {
    return `${this.origin}/api/`;
  }

  /** A command's response_url, valid from now for 30 minutes and 5 posts. */
  responseUrl(id: string): string {
    if (!this.responseUrls.has(id)) this.responseUrls.set(id, { createdAt: this.now(), posts: 0 });
    return `${this.origin}/respond/${id}`;
  }

  /** A person's message in a channel (no bot_id), as history shows it. */
  addHumanMessage(channel: string, text: string, user = 'UHUMAN01'): StoredMessage {
    this.seq += 1;
    const message = { channel, ts: this.nextTs(), text, blocks: undefined, metadata: undefined, threadTs: null, user };
    this.messages.push(message);
    return message;
  }

  /** `method` answers 429 for `seconds` from now (for one channel, or all), telling the time left each time. */
  rateLimitFor(method: string, seconds: number, channel = '*'): this {
    this.limitedUntil.set(`${method}:${channel}`, this.now() + seconds * 1000);
    return this;
  }

  /** Like rateLimitFor, but the window opens at the next call to `method` (for that channel). */
  rateLimitFromNext(method: string, seconds: number, channel = '*'): this {
    this.limitFromNext.set(`${method}:${channel}`, seconds);
    return this;
  }

  /** A channel's state, and its team (the fake's own, TFAKE, unless named): only that team's tokens reach it. */
  setChannel(id: string, state: ChannelState, team?: string): this {
    this.channels.set(id, state);
    if (team) this.channelTeams.set(id, team);
    return this;
  }

  /** The consent page's URL (what Slack's authorize URL is, here). */
  get authorizeUrl(): string {
    return `${this.origin}/oauth/v2/authorize`;
  }

  /** A person users.info knows; anyone else is user_not_found. */
  setUser(id: string, flags: FakeUser = {}): this {
    this.users.set(id, flags);
    return this;
  }

  /** The next call to `method` fails with this Slack error code. */
  failNext(method: string, error: string): this {
    this.scripted.push({ method, error });
    return this;
  }

  /** The next call to `method` gets this HTTP status (a 5xx from Slack's edge), no JSON. */
  failHttpNext(method: string, status: number): this {
    this.scripted.push({ method, status });
    return this;
  }

  /** The next call to `method` is answered as usual, `ms` late (a slow Slack, so that callers overlap). */
  delayNext(method: string, ms: number): this {
    this.scripted.push({ method, delayMs: ms });
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

  /**
   * The next call to `method` is carried out and never answered, as when the
   * caller dies waiting for the answer (its connection goes with it). The
   * call lands in `held`.
   */
  holdResponseNext(method: string): this {
    this.scripted.push({ method, hold: true });
    return this;
  }

  /** Calls carried out and left unanswered (holdResponseNext). */
  readonly held: RecordedCall[] = [];

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
      if (this.expireResponses) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('expired_url');
        return;
      }
      const id = url.pathname.slice('/respond/'.length);
      const use = this.responseUrls.get(id) ?? { createdAt: this.now(), posts: 0 };
      this.responseUrls.set(id, use);
      if (this.now() - use.createdAt > RESPONSE_URL_LIFETIME_MS) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('expired_url');
      if (use.posts >= RESPONSE_URL_POSTS) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('used_url');
      use.posts += 1;
      this.responses.push({ id, body: JSON.parse(raw) as Record<string, unknown>, at: Date.now() });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (url.pathname === '/oauth/v2/authorize') {
      const page = this.workspaces.authorize(url);
      res.writeHead(page.status, page.location ? { location: page.location } : { 'content-type': 'text/plain' }).end(page.body ?? '');
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
      if (s && 'delayMs' in s) await new Promise((r) => setTimeout(r, s.delayMs));
      if (s && 'drop' in s) {
        this.answer(method, body);
        req.socket.destroy();
        return;
      }
      if (s && 'hold' in s) {
        this.answer(method, body);
        this.held.push({ method, body, token, at: Date.now() });
        return;
      }
      if (s && 'status' in s) {
        res.writeHead(s.status, { 'content-type': 'text/html' }).end('<html>upstream error</html>');
        return;
      }
      if (s && 'retryAfter' in s) {
        res
          .writeHead(RETRY_AFTER_STATUS, { 'content-type': 'application/json', 'retry-after': String(s.retryAfter) })
          .end('{"ok":false,"error":"ratelimited"}');
        return;
      }
      if (s && 'error' in s) return reply(res, { ok: false, error: s.error });
    }
    const wait = this.rateLimit(method, body);
    if (wait !== null) {
      this.rateLimited.push({ method, channel: typeof body.channel === 'string' ? body.channel : '' });
      res.writeHead(RETRY_AFTER_STATUS, { 'content-type': 'application/json', 'retry-after': String(wait) }).end('{"ok":false,"error":"ratelimited"}');
      return;
    }
    if (method === 'apps.connections.open' && token === this.appToken) {
      return reply(res, this.socketUrl ? { ok: true, url: this.socketUrl } : { ok: false, error: 'internal_error' });
    }
    if (method === 'oauth.v2.access') return reply(res, this.workspaces.access(body, req.headers.authorization));
    let caller: Grant | null = null;
    if (token !== this.token) {
      const who = this.workspaces.identify(token);
      if ('error' in who) return reply(res, { ok: false, error: who.error });
      caller = who.grant;
    }
    const outside = this.outsideCaller(caller, method, body);
    if (outside) return reply(res, { ok: false, error: outside });
    reply(res, method === 'auth.test' && caller ? this.authTest(caller) : this.answer(method, body));
  }

  /** The team a channel (or a person, for a DM) is in. */
  teamOf(channelOrUser: string): string {
    if (/^[UW]/.test(channelOrUser)) return this.users.get(channelOrUser)?.team ?? this.teamId;
    return this.channelTeams.get(channelOrUser) ?? this.teamId;
  }

  /**
   * Slack's answer when a token reaches outside its own team: another team's
   * channel is channel_not_found (the bot cannot see it), its people
   * user_not_found. The fake's own token (TFAKE) is a team install too.
   */
  private outsideCaller(caller: Grant | null, method: string, body: Record<string, unknown>): string | null {
    const covers = (team: string) => (caller ? this.workspaces.covers(caller, team) : team === this.teamId);
    const channel = typeof body.channel === 'string' ? body.channel : typeof body.channel_id === 'string' ? body.channel_id : null;
    if (channel && !covers(this.teamOf(channel))) return 'channel_not_found';
    const user =
      typeof body.user === 'string' ? body.user : typeof body.user_id === 'string' ? body.user_id : typeof body.users === 'string' ? body.users : null;
    if (user && PEOPLE_METHODS.has(method) && !covers(this.teamOf(user))) return 'user_not_found';
    return null;
  }

  private authTest(grant: Grant): Record<string, unknown> {
    const org = grant.scope === 'enterprise';
    return {
      ok: true,
      url: `https://${grant.scopeId.toLowerCase()}.slack.com/`,
      team: org ? null : this.workspaces.team(grant.scopeId)?.name,
      user: 'paperboy',
      team_id: org ? null : grant.scopeId,
      user_id: grant.botUserId,
      bot_id: grant.botId,
      ...(grant.enterpriseId ? { enterprise_id: grant.enterpriseId } : {}),
      is_enterprise_install: org,
    };
  }

  /** Seconds to wait when this call is over a limit (whole seconds, at least 1, as Slack sends them), else null. */
  private rateLimit(method: string, body: Record<string, unknown>): number | null {
    const now = this.now();
    const channel = typeof body.channel === 'string' ? body.channel : '';
    for (const key of [`${method}:*`, `${method}:${channel}`]) {
      const seconds = this.limitFromNext.get(key);
      if (seconds === undefined) continue;
      this.limitFromNext.delete(key);
      this.limitedUntil.set(key, now + seconds * 1000);
    }
    const until = Math.max(this.limitedUntil.get(`${method}:*`) ?? 0, this.limitedUntil.get(`${method}:${channel}`) ?? 0);
    if (until > now) return Math.max(1, Math.ceil((until - now) / 1000));
    if (method === 'conversations.history') {
      const team = this.historyLimits.perWorkspace ? this.teamOf(channel) : '*';
      const calls = (this.historyCalls.get(team) ?? []).filter((t) => t > now - 60_000);
      this.historyCalls.set(team, calls);
      if (calls.length >= this.historyLimits.perMinute) return Math.max(1, Math.ceil(((calls[0] ?? now) + 60_000 - now) / 1000));
      calls.push(now);
    }
    if (method === 'chat.postMessage' && this.opts.postLimits && this.state(channel) === 'member') {
      const { perChannelPerSecond, perWorkspacePerSecond } = this.opts.postLimits;
      const workspace = `w:${this.teamOf(channel)}`;
      const wait = Math.max(this.windowWait(`c:${channel}`, perChannelPerSecond, now), this.windowWait(workspace, perWorkspacePerSecond, now));
      if (wait > 0) return Math.max(1, Math.ceil(wait / 1000));
      this.note(`c:${channel}`, now);
      this.note(workspace, now);
    }
    return null;
  }

  /** Ms until a rolling one-second window has room for one more, or 0. */
  private windowWait(key: string, perSecond: number | undefined, now: number): number {
    if (!perSecond) return 0;
    const times = (this.accepted.get(key) ?? []).filter((t) => t > now - 1000);
    this.accepted.set(key, times);
    return times.length < perSecond ? 0 : (times[times.length - perSecond] ?? now) + 1000 - now;
  }

  private note(key: string, now: number): void {
    const times = this.accepted.get(key) ?? [];
    times.push(now);
    this.accepted.set(key, times);
  }

  private nextTs(): string {
    return `${Math.floor(this.now() / 1000)}.${String(this.seq).padStart(6, '0')}`;
  }

  private state(channel: string): ChannelState {
    // Posting to a user id lands in the bot's DM with them.
    if (/^[UW]/.test(channel)) return 'member';
    return this.channels.get(channel) ?? 'member';
  }

  private answer(method: string, body: Record<string, unknown>): Record<string, unknown> {
    const channel = typeof body.channel === 'string' ? body.channel : '';
    const state = this.state(channel);
    const channelError = state === 'missing' || state === 'private' ? 'channel_not_found' : state === 'archived' ? 'is_archived' : null;
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
        const ts = this.nextTs();
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
      case 'users.info': {
        const id = typeof body.user === 'string' ? body.user : '';
        const u = this.users.get(id);
        if (!u) return { ok: false, error: 'user_not_found' };
        const flag = (v: boolean | undefined) => v === true;
        return {
          ok: true,
          user: {
            id,
            team_id: u.team ?? this.teamId,
            name: id.toLowerCase(),
            deleted: flag(u.deleted),
            is_admin: flag(u.is_admin),
            is_owner: flag(u.is_owner),
            is_primary_owner: flag(u.is_primary_owner),
            is_restricted: flag(u.is_restricted),
            is_ultra_restricted: flag(u.is_ultra_restricted),
            is_bot: flag(u.is_bot),
            is_app_user: false,
          },
        };
      }
      case 'conversations.join':
        if (channelError) return { ok: false, error: channelError };
        this.channels.set(channel, 'member');
        return { ok: true, channel: { id: channel, is_member: true } };
      case 'conversations.history': {
        if (channelError) return { ok: false, error: channelError };
        if (state !== 'member') return { ok: false, error: 'not_in_channel' };
        const withMeta = body.include_all_metadata === 'true' || body.include_all_metadata === true;
        const oldest = Number(body.oldest ?? 0);
        const limit = Math.min(this.historyLimits.pageMax, Number(body.limit ?? 100));
        const from = typeof body.cursor === 'string' && body.cursor ? Number(Buffer.from(body.cursor, 'base64').toString().replace('next:', '')) : 0;
        const all = this.messages.filter((m) => m.channel === channel && m.threadTs === null && Number(m.ts) >= oldest).reverse();
        const page = all.slice(from, from + limit).map((m) => ({
          type: 'message',
          ts: m.ts,
          text: m.text,
          ...(m.user ? { user: m.user } : { bot_id: this.botId }),
          ...(withMeta && m.metadata ? { metadata: m.metadata } : {}),
        }));
        const more = from + limit < all.length;
        return {
          ok: true,
          messages: page,
          has_more: more,
          ...(more ? { response_metadata: { next_cursor: Buffer.from(`next:${from + limit}`).toString('base64') } } : {}),
        };
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
