import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readMessages } from './fake-discord-reads.js';
import { componentsProblem, InteractionType, interactionResponseProblem, parseMultipart } from './fake-discord-interactions.js';

/*
 * A local fake of the Discord REST API (v10) for the routes Paperboy uses,
 * behaving like Discord where it matters: nonce idempotency with
 * enforce_nonce, remembered for minutes only; embed limits (400 / 50035);
 * empty messages refused (50006); forums that require a tag refuse untagged
 * posts (40067); a thread per message (160004 the second time); threads that
 * archive after their auto-archive duration of inactivity; the 50 requests/s
 * global limit and per-route buckets, with X-RateLimit-* headers and a
 * Retry-After in whole seconds; one initial response per interaction, within
 * 3 seconds; webhook follow-ups; command registration. Every call is recorded;
 * failures can be scripted.
 */

export interface FakeChannel {
  id: string;
  type: number;
  guild_id?: string;
  parent_id?: string | null;
  name?: string;
  available_tags?: { id: string; name: string; moderated?: boolean }[];
  applied_tags?: string[];
  /** Channel flags; 16 = REQUIRE_TAG on a forum. */
  flags?: number;
  owner_id?: string;
  thread_metadata?: { archived: boolean; auto_archive_duration: number; archive_timestamp: string; locked: boolean };
}

export interface FakeUser {
  id: string;
  username?: string;
  bot?: boolean;
}

export interface FakeEmoji {
  id: string | null;
  name: string;
}

export interface FakeMessage {
  id: string;
  channel_id: string;
  content: string;
  embeds: Record<string, unknown>[];
  allowed_mentions: unknown;
  nonce?: string;
  author?: FakeUser;
  type?: number;
  timestamp?: string;
  /** Reactions in the order first made, each with who made it. */
  reactions?: { emoji: FakeEmoji; users: FakeUser[] }[];
}

export interface RecordedCall {
  method: string;
  path: string;
  body: Record<string, unknown> | null;
  auth: string | null;
  /** Date.now() when it arrived. */
  at: number;
}

export interface ScriptedFailure {
  method?: string;
  /** Matches when the request path (after /api/v10) starts with this. */
  path: string;
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
  times: number;
  /** Carry the request out first, then answer with the failure (Discord made it, the answer was lost). */
  afterHandling?: boolean;
}

export interface FakeDiscordOptions {
  /** The fake's clock (ms): nonces, rate-limit windows, interaction deadlines, thread archiving. */
  now?: () => number;
  /** How long a nonce is remembered (Discord: a few minutes). */
  nonceTtlMs?: number;
  /** Requests per second across all routes before a global 429. */
  globalPerSecond?: number;
  /** POST /channels/{id}/messages bucket per channel; null turns it off. */
  messageBucket?: { limit: number; windowMs: number } | null;
}

type Json = Record<string, unknown>;

const ERRORS: Record<number, { status: number; message: string }> = {
  10003: { status: 404, message: 'Unknown Channel' },
  10062: { status: 404, message: 'Unknown interaction' },
  40060: { status: 400, message: 'Interaction has already been acknowledged.' },
  40067: { status: 400, message: 'A tag is required to create a forum post in this channel' },
  50006: { status: 400, message: 'Cannot send an empty message' },
  50035: { status: 400, message: 'Invalid Form Body' },
  200000: { status: 400, message: 'Message was blocked by automatic moderation' },
  10008: { status: 404, message: 'Unknown Message' },
  50001: { status: 403, message: 'Missing Access' },
  50013: { status: 403, message: 'Missing Permissions' },
  160004: { status: 400, message: 'A thread has already been created for this message' },
};

export class FakeDiscord {
  readonly calls: RecordedCall[] = [];
  readonly channels = new Map<string, FakeChannel>();
  readonly messages: FakeMessage[] = [];
  readonly threads: FakeChannel[] = [];
  readonly interactionResponses: { id: string; token: string; body: Json }[] = [];
  readonly webhookEdits: { token: string; body: Json; files: { field: string; name: string; content: string }[] }[] = [];
  /** Interaction ids that had their initial response, and the types of the interactions tests sent. */
  private readonly answered = new Set<string>();
  private readonly interactionTypes = new Map<string, number>();
  readonly commands = new Map<string, Json[]>();
  /** What GET /gateway/bot hands discord.js (see test/support/discord-gateway.ts); null answers 404. */
  gatewayUrl: string | null = null;
  /** The shard count GET /gateway/bot recommends (one per 1,000 guilds on Discord). */
  gatewayShards = 1;
  /** Every 429 the fake answered. */
  readonly rateLimited: { path: string; global: boolean }[] = [];
  private readonly failures: ScriptedFailure[] = [];
  private readonly nonces = new Map<string, { message: FakeMessage; at: number }>();
  private readonly buckets = new Map<string, number[]>();
  private globalWindow = { start: 0, count: 0 };
  /** The most requests the fake saw in one global window. */
  peakPerSecond = 0;
  private nextId = 0n;
  private server: Server | null = null;
  url = '';
  readonly now: () => number;
  private readonly options: Required<Omit<FakeDiscordOptions, 'now'>>;

  constructor(
    readonly token = 'test-token',
    /** The bot user (same id as the application, as for any bot made since 2019). */
    readonly botUser: FakeUser = { id: '800000000000000001', username: 'paperboy', bot: true },
    opts: FakeDiscordOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.options = {
      nonceTtlMs: opts.nonceTtlMs ?? 3 * 60_000,
      globalPerSecond: opts.globalPerSecond ?? 50,
      messageBucket: opts.messageBucket === undefined ? { limit: 5, windowMs: 5000 } : opts.messageBucket,
    };
  }

  /** The `api` option for discord.js: requests go to `${api}/v10/...`. */
  get api(): string {
    return `${this.url}/api`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** A new snowflake: made now by the fake's clock, like Discord's, so `after`/`before` pages work by time. */
  id(): string {
    const at = BigInt(snowflakeAt(this.now()));
    this.nextId = this.nextId + 1n > at ? this.nextId + 1n : at;
    return this.nextId.toString();
  }

  addChannel(c: Partial<FakeChannel> & { type: number }): FakeChannel {
    const channel: FakeChannel = { id: this.id(), guild_id: '900000000000000001', ...c };
    this.channels.set(channel.id, channel);
    return channel;
  }

  /** Answer the next `times` matching requests with a Discord JSON error (50001, 50013, 10003, …). */
  failWithCode(path: string, code: number, times = 1, method?: string): void {
    const e = ERRORS[code] ?? { status: 400, message: 'Error' };
    this.failures.push({ path, status: e.status, body: { code, message: e.message }, times, ...(method ? { method } : {}) });
  }

  /** Answer with 429 like Discord: retry_after (seconds, a float) in the body, Retry-After in whole seconds. */
  rateLimit(path: string, retryAfterSec: number, times = 1): void {
    this.failures.push({
      path,
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: retryAfterSec, global: false },
      headers: { 'retry-after': String(Math.ceil(retryAfterSec)), 'x-ratelimit-scope': 'user' },
      times,
    });
  }

  /** Archive a thread now, as a moderator would. */
  archiveThread(id: string): void {
    const t = this.threads.find((x) => x.id === id);
    if (t?.thread_metadata) t.thread_metadata = { ...t.thread_metadata, archived: true, archive_timestamp: new Date(this.now()).toISOString() };
  }

  fail(f: ScriptedFailure): void {
    this.failures.push(f);
  }

  /** Tell the fake about an interaction a test is about to send, so its response is held to that type's rules. */
  expectInteraction(interaction: { id: string; type: number }): void {
    this.interactionTypes.set(interaction.id, interaction.type);
  }

  /**
   * HTTP-interactions mode answers in the HTTP response, not on the callback
   * route: the test hands that response here to be held to the same rules.
   * Returns Discord's error, or null when Discord would accept it.
   */
  acceptHttpResponse(interaction: { id: string; token: string; type: number }, body: Json): { status: number; body: unknown } | null {
    this.interactionTypes.set(interaction.id, interaction.type);
    const out = this.initialResponse(interaction.id, interaction.token, body);
    return out.status === 204 ? null : out;
  }

  private initialResponse(id: string, token: string, body: Json): { status: number; body: unknown } {
    // Within 3 s of the interaction: its id is a snowflake, so it carries its own time.
    if (this.now() - snowflakeTime(id) > 3000) return { status: 404, body: { code: 10062, message: 'Unknown interaction' } };
    if (this.answered.has(id)) return { status: 400, body: { code: 40060, message: 'Interaction has already been acknowledged.' } };
    const bad = interactionResponseProblem(this.interactionTypes.get(id) ?? InteractionType.Command, body, invalidMessage);
    if (bad) return bad;
    this.answered.add(id);
    this.interactionResponses.push({ id, token, body });
    return { status: 204, body: null };
  }

  callsTo(method: string, pathPrefix: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && c.path.startsWith(pathPrefix));
  }

  messagesIn(channelId: string): FakeMessage[] {
    return this.messages.filter((m) => m.channel_id === channelId);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const rawBytes = Buffer.concat(chunks);
    const raw = rawBytes.toString('utf8');
    const contentType = req.headers['content-type'] ?? '';
    const multipart = contentType.startsWith('multipart/form-data') ? parseMultipart(rawBytes, contentType) : null;
    const body = multipart ? multipart.body : raw ? (JSON.parse(raw) as Json) : null;
    const url = new URL(req.url ?? '/', 'http://x');
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    const method = req.method ?? 'GET';
    this.calls.push({ method, path, body, auth: req.headers.authorization ?? null, at: Date.now() });
    const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      // Like Discord, a 204 has no body and no content type (a JSON type there would break the client's parser).
      if (status === 204) res.writeHead(204, headers).end();
      else res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(json));
    };
    const limited = this.overLimit(method, path);
    if (limited) {
      this.rateLimited.push({ path, global: limited.global });
      const headers: Record<string, string> = {
        'retry-after': String(Math.ceil(limited.retryAfterMs / 1000)),
        'x-ratelimit-scope': limited.global ? 'global' : 'user',
        ...(limited.global ? { 'x-ratelimit-global': 'true' } : limited.bucketHeaders),
      };
      send(429, { message: 'You are being rate limited.', retry_after: limited.retryAfterMs / 1000, global: limited.global }, headers);
      return;
    }
    const failure = this.failures.find((f) => f.times > 0 && path.startsWith(f.path) && (!f.method || f.method === method));
    if (failure && !failure.afterHandling) {
      failure.times -= 1;
      send(failure.status, failure.body, failure.headers);
      return;
    }
    const needsAuth = !path.startsWith('/webhooks/') && !path.startsWith('/interactions/');
    if (needsAuth && req.headers.authorization !== `Bot ${this.token}`) {
      send(401, { code: 0, message: '401: Unauthorized' });
      return;
    }
    const out = this.route(method, path.split('/').filter(Boolean), body ?? {}, url.searchParams, multipart?.files ?? []);
    if (failure?.afterHandling) {
      failure.times -= 1;
      send(failure.status, failure.body, failure.headers);
      return;
    }
    send(out.status, out.body, this.bucketHeaders(method, path));
  }

  /** POST /channels/{id}/messages is bucketed per channel, like Discord's. */
  private bucketOf(method: string, path: string): string | null {
    const m = /^\/channels\/(\d+)\/messages$/.exec(path);
    return method === 'POST' && m && this.options.messageBucket ? `messages:${m[1]}` : null;
  }

  private bucketHeaders(method: string, path: string): Record<string, string> {
    const key = this.bucketOf(method, path);
    const bucket = this.options.messageBucket;
    if (!key || !bucket) return {};
    const now = this.now();
    const times = (this.buckets.get(key) ?? []).filter((t) => t > now - bucket.windowMs);
    const resetAfter = times.length ? ((times[0] ?? now) + bucket.windowMs - now) / 1000 : bucket.windowMs / 1000;
    return {
      'x-ratelimit-limit': String(bucket.limit),
      'x-ratelimit-remaining': String(Math.max(0, bucket.limit - times.length)),
      'x-ratelimit-reset-after': resetAfter.toFixed(3),
      'x-ratelimit-bucket': `fake-${key.split(':')[0]}`,
    };
  }

  /** Discord's global limit and the message bucket; counts the request when it goes through. */
  private overLimit(method: string, path: string): { global: boolean; retryAfterMs: number; bucketHeaders: Record<string, string> } | null {
    const now = this.now();
    // Interaction callbacks are not held to the global limit.
    if (!path.startsWith('/interactions/')) {
      if (now >= this.globalWindow.start + 1000) this.globalWindow = { start: now, count: 0 };
      if (this.globalWindow.count >= this.options.globalPerSecond) {
        return { global: true, retryAfterMs: this.globalWindow.start + 1000 - now, bucketHeaders: {} };
      }
      this.globalWindow.count += 1;
      this.peakPerSecond = Math.max(this.peakPerSecond, this.globalWindow.count);
    }
    const key = this.bucketOf(method, path);
    const bucket = this.options.messageBucket;
    if (!key || !bucket) return null;
    const times = (this.buckets.get(key) ?? []).filter((t) => t > now - bucket.windowMs);
    if (times.length >= bucket.limit) {
      return { global: false, retryAfterMs: (times[0] ?? now) + bucket.windowMs - now, bucketHeaders: this.bucketHeaders(method, path) };
    }
    times.push(now);
    this.buckets.set(key, times);
    return null;
  }

  private route(
    method: string,
    p: string[],
    body: Json,
    query: URLSearchParams,
    files: { field: string; name: string; content: string }[] = [],
  ): { status: number; body: unknown } {
    const err = (code: number) => ({ status: ERRORS[code]?.status ?? 400, body: { code, message: ERRORS[code]?.message ?? 'Error' } });
    const [a, b, c, d, e] = p;
    if (method === 'GET' && a === 'gateway' && b === 'bot') {
      if (!this.gatewayUrl) return { status: 404, body: { code: 0, message: '404: Not Found' } };
      // Every shard may identify at once (max_concurrency), as for a large bot.
      const shards = this.gatewayShards;
      return {
        status: 200,
        body: { url: this.gatewayUrl, shards, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: shards } },
      };
    }
    if (a === 'channels' && b) {
      const channel = this.channels.get(b);
      if (!channel) return err(10003);
      if (method === 'GET' && p.length === 2) return { status: 200, body: channel };
      if (method === 'POST' && c === 'messages' && p.length === 3) return this.createMessage(channel, body);
      if (method === 'POST' && c === 'messages' && d && e === 'threads') return this.threadFromMessage(channel, d, body);
      if (method === 'POST' && c === 'threads' && p.length === 3) return this.forumPost(channel, body);
      if (method === 'GET' && c === 'messages') return readMessages(this, channel, p.slice(3), query);
      if (method === 'GET' && c === 'threads' && d === 'archived' && e === 'public') {
        this.archiveIdle();
        const archived = this.threads.filter((t) => t.parent_id === channel.id && t.thread_metadata?.archived);
        return { status: 200, body: { threads: archived.reverse().slice(0, Number(query.get('limit') ?? 50)), members: [], has_more: false } };
      }
    }
    if (method === 'GET' && a === 'guilds' && c === 'threads' && d === 'active') {
      this.archiveIdle();
      return { status: 200, body: { threads: this.threads.filter((t) => t.guild_id === b && !t.thread_metadata?.archived), members: [] } };
    }
    if (method === 'POST' && a === 'users' && b === '@me' && c === 'channels') {
      const dm = this.addChannel({ type: 1, name: `dm-${String(body.recipient_id)}` });
      return { status: 200, body: dm };
    }
    if (method === 'POST' && a === 'interactions' && b && c && d === 'callback') return this.initialResponse(b, c, body);
    if (a === 'webhooks' && b && c) {
      const bad = invalidMessage(body);
      if (bad) return bad;
      const attachments = (body.attachments as Json[] | undefined) ?? [];
      if (files.length !== attachments.length) return formError('attachments', 'Each file needs an attachment entry');
      this.webhookEdits.push({ token: c, body, files });
      return { status: 200, body: { id: this.id(), ...body } };
    }
    if (method === 'PUT' && a === 'applications' && b) {
      const scope = c === 'guilds' && d ? `guild:${d}` : 'global';
      const list = body as unknown as Json[];
      const bad = invalidCommands(list);
      if (bad) return bad;
      this.commands.set(scope, list);
      return { status: 200, body: list.map((cmd) => ({ id: this.id(), application_id: b, version: '1', ...cmd })) };
    }
    return { status: 404, body: { code: 0, message: `404: Not Found (${method} /${p.join('/')})` } };
  }

  private metadata(body: Json): NonNullable<FakeChannel['thread_metadata']> {
    const minutes = typeof body.auto_archive_duration === 'number' ? body.auto_archive_duration : 4320;
    return { archived: false, auto_archive_duration: minutes, archive_timestamp: new Date(this.now()).toISOString(), locked: false };
  }

  /** Activity in a thread (a message) keeps it open, and reopens an archived one. */
  private touch(channelId: string): void {
    const t = this.threads.find((x) => x.id === channelId);
    if (t?.thread_metadata) t.thread_metadata = { ...t.thread_metadata, archived: false, archive_timestamp: new Date(this.now()).toISOString() };
  }

  /** Threads idle longer than their auto-archive duration are archived, as Discord does. */
  archiveIdle(): void {
    for (const t of this.threads) {
      const m = t.thread_metadata;
      if (m && !m.archived && this.now() - Date.parse(m.archive_timestamp) >= m.auto_archive_duration * 60_000) {
        t.thread_metadata = { ...m, archived: true, archive_timestamp: new Date(this.now()).toISOString() };
      }
    }
  }

  private botMessage(id: string, channelId: string, body: Json): FakeMessage {
    return {
      id,
      channel_id: channelId,
      content: String(body.content ?? ''),
      embeds: (body.embeds as Json[] | undefined) ?? [],
      allowed_mentions: body.allowed_mentions,
      author: this.botUser,
      type: 0,
      timestamp: new Date(this.now()).toISOString(),
      reactions: [],
    };
  }

  private createMessage(channel: FakeChannel, body: Json): { status: number; body: unknown } {
    if (channel.type === 15 || channel.type === 16) return { status: 400, body: { code: 50008, message: 'Cannot send messages in a non-text channel' } };
    const bad = invalidMessage(body) ?? emptyMessage(body);
    if (bad) return bad;
    const nonce = typeof body.nonce === 'string' ? body.nonce : undefined;
    if (nonce !== undefined && nonce.length > 25) return formError('nonce', 'Must be 25 or fewer in length.');
    const key = `${channel.id}:${nonce}`;
    if (nonce !== undefined && body.enforce_nonce === true) {
      // Discord remembers a nonce for a few minutes only.
      const earlier = this.nonces.get(key);
      if (earlier && this.now() - earlier.at < this.options.nonceTtlMs) return { status: 200, body: earlier.message };
    }
    const msg: FakeMessage = { ...this.botMessage(this.id(), channel.id, body), ...(nonce ? { nonce } : {}) };
    this.messages.push(msg);
    this.touch(channel.id);
    if (nonce !== undefined) this.nonces.set(key, { message: msg, at: this.now() });
    return { status: 200, body: msg };
  }

  private threadFromMessage(channel: FakeChannel, messageId: string, body: Json): { status: number; body: unknown } {
    if (!this.messages.some((m) => m.id === messageId && m.channel_id === channel.id))
      return { status: 404, body: { code: 10008, message: 'Unknown Message' } };
    if (this.threads.some((t) => t.id === messageId)) return { status: 400, body: { code: 160004, message: ERRORS[160004]?.message } };
    const badName = invalidThreadName(body.name);
    if (badName) return badName;
    const thread: FakeChannel = {
      id: messageId,
      type: 11,
      guild_id: channel.guild_id ?? '',
      parent_id: channel.id,
      name: String(body.name),
      owner_id: this.botUser.id,
      thread_metadata: this.metadata(body),
    };
    this.threads.push(thread);
    this.channels.set(thread.id, thread);
    return { status: 201, body: thread };
  }

  private forumPost(forum: FakeChannel, body: Json): { status: number; body: unknown } {
    if (forum.type !== 15 && forum.type !== 16) return formError('message', 'Only forum channels take a starter message here');
    const badName = invalidThreadName(body.name);
    if (badName) return badName;
    const message = (body.message as Json | undefined) ?? {};
    const bad = invalidMessage(message) ?? emptyMessage(message);
    if (bad) return bad;
    const tags = (body.applied_tags as string[] | undefined) ?? [];
    const known = new Set((forum.available_tags ?? []).map((t) => t.id));
    if (tags.length > 5 || tags.some((t) => !known.has(t))) return formError('applied_tags', 'Invalid tags');
    if (((forum.flags ?? 0) & 16) !== 0 && tags.length === 0) return { status: 400, body: { code: 40067, message: ERRORS[40067]?.message } };
    const id = this.id();
    const thread: FakeChannel = {
      id,
      type: 11,
      guild_id: forum.guild_id ?? '',
      parent_id: forum.id,
      name: String(body.name),
      applied_tags: tags,
      owner_id: this.botUser.id,
      thread_metadata: this.metadata(body),
    };
    this.threads.push(thread);
    this.channels.set(id, thread);
    this.messages.push(this.botMessage(id, id, message));
    return { status: 201, body: { ...thread, message: { id, channel_id: id } } };
  }
}

const DISCORD_EPOCH = 1_420_070_400_000n;

/** When a snowflake was made (ms). */
export function snowflakeTime(id: string): number {
  return /^\d+$/.test(id) ? Number((BigInt(id) >> 22n) + DISCORD_EPOCH) : 0;
}

/** A snowflake made at `ms`, unique by `n`. */
export function snowflakeAt(ms: number, n = 0): string {
  return (((BigInt(Math.floor(ms)) - DISCORD_EPOCH) << 22n) | BigInt(n & 0x3fffff)).toString();
}

/** Discord refuses a message with nothing in it (no content, embeds, stickers, files or components). */
function emptyMessage(body: Json): { status: number; body: unknown } | null {
  const has = (k: string) => (Array.isArray(body[k]) ? (body[k] as unknown[]).length > 0 : false);
  if (str(body.content).trim() || has('embeds') || has('sticker_ids') || has('components') || has('attachments')) return null;
  return { status: 400, body: { code: 50006, message: 'Cannot send an empty message' } };
}

function formError(field: string, message: string): { status: number; body: unknown } {
  return { status: 400, body: { code: 50035, message: 'Invalid Form Body', errors: { [field]: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH', message }] } } } };
}

function invalidThreadName(name: unknown): { status: number; body: unknown } | null {
  return typeof name === 'string' && name.length >= 1 && name.length <= 100 ? null : formError('name', 'Must be between 1 and 100 in length.');
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Discord's message and embed limits, checked the way Discord reports them. */
export function invalidMessage(body: Json): { status: number; body: unknown } | null {
  if (str(body.content).length > 2000) return formError('content', 'Must be 2000 or fewer in length.');
  const components = componentsProblem(body.components);
  if (components) return components;
  const embeds = (body.embeds as Json[] | undefined) ?? [];
  if (embeds.length > 10) return formError('embeds', 'Must be 10 or fewer in length.');
  let total = 0;
  for (const [i, e] of embeds.entries()) {
    const fields = (e.fields as Json[] | undefined) ?? [];
    const footer = (e.footer as Json | undefined) ?? {};
    const author = (e.author as Json | undefined) ?? {};
    if (str(e.title).length > 256) return formError(`embeds.${i}.title`, 'Must be 256 or fewer in length.');
    if (str(e.description).length > 4096) return formError(`embeds.${i}.description`, 'Must be 4096 or fewer in length.');
    if (fields.length > 25) return formError(`embeds.${i}.fields`, 'Must be 25 or fewer in length.');
    if (str(footer.text).length > 2048) return formError(`embeds.${i}.footer.text`, 'Must be 2048 or fewer in length.');
    for (const f of fields) {
      if (!str(f.name) || str(f.name).length > 256) return formError(`embeds.${i}.fields.name`, 'Must be between 1 and 256 in length.');
      if (!str(f.value) || str(f.value).length > 1024) return formError(`embeds.${i}.fields.value`, 'Must be between 1 and 1024 in length.');
      total += str(f.name).length + str(f.value).length;
    }
    total += str(e.title).length + str(e.description).length + str(footer.text).length + str(author.name).length;
  }
  if (total > 6000) return formError('embeds', 'Embed size exceeds maximum size of 6000');
  return null;
}

function invalidCommands(list: Json[]): { status: number; body: unknown } | null {
  const check = (o: Json): boolean => {
    const name = str(o.name);
    const desc = str(o.description);
    if (!/^[-_\p{L}\p{N}]{1,32}$/u.test(name) || name !== name.toLowerCase()) return false;
    if (desc.length < 1 || desc.length > 100) return false;
    // An option suggests values by autocomplete or lists fixed choices, never both; only text and numbers autocomplete.
    if (o.autocomplete === true && (o.choices !== undefined || ![3, 4, 10].includes(Number(o.type)))) return false;
    const options = (o.options as Json[] | undefined) ?? [];
    if (options.length > 25) return false;
    return options.every(check);
  };
  return list.every(check) ? null : formError('commands', 'Invalid command name or description');
}
