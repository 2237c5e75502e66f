import { DiscordAPIError, Routes, type REST } from 'discord.js';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { ChannelRef, FeedbackSnapshotItem, PostedPaper } from '../../src/chat/port.js';
import type { Clock } from '../../src/clock.js';
import { createThrottle, type Throttle } from '../../src/sources/throttle.js';
import type { ChannelCache } from './channels.js';
import { emojiName, HUMAN_MESSAGE_TYPES } from './feedback-gateway.js';

/*
 * HTTP-interactions mode gets no gateway events, so before a digest the bot
 * reads what is on its recent paper posts now: each post's reactions and who
 * made them, and the people who wrote in its thread. Every call needs Read
 * Message History in the channel (docs/discord.md).
 */

const userSchema = z.object({ id: z.string(), bot: z.boolean().optional() });
const messageSchema = z.object({
  id: z.string(),
  type: z.number().optional(),
  author: userSchema,
  timestamp: z.string(),
  webhook_id: z.string().optional(),
  reactions: z.array(z.object({ count: z.number(), emoji: z.object({ id: z.string().nullish(), name: z.string().nullish() }) })).optional(),
});
type Message = z.infer<typeof messageSchema>;

export const FEEDBACK_LIMITS = {
  /** Posts read per digest, the newest: about two digests' worth, ~3 requests each. */
  posts: 20,
  /** Distinct emoji per post whose users are listed (the most used first). */
  emoji: 10,
  /** One page of reaction users / thread messages; a fuller one means the post was not read completely. */
  page: 100,
  /** Failures other than access errors before the rest is left for next time. */
  failures: 3,
  /** A channel read this recently is not read again: its snapshot is reused (a burst of /papers digest reads once). */
  reuseMs: 10 * 60_000,
  /** Spacing of feedback reads across all channels: at most 20 a second, leaving Discord's 50 for posting. */
  spacingMs: 50,
  /** Channels whose last snapshot is remembered. */
  remembered: 1000,
} as const;

export interface FeedbackCollectorDeps {
  rest: REST;
  channels: ChannelCache;
  logger: Logger;
  clock: Clock;
  botUserIds: ReadonlySet<string>;
  /** Paces every feedback read of this process; one is made per collector when absent. */
  throttle?: Throttle;
}

type Collected = { snapshot: FeedbackSnapshotItem[]; covered: string[] };

/** Access refused: asking again for the next post would be refused too (and counts toward Discord's invalid-request ban). */
function refused(err: unknown): boolean {
  return err instanceof DiscordAPIError && (err.status === 401 || err.status === 403);
}

/** The emoji as the reactions route wants it: the character URL-encoded, or name:id for a custom one. */
function routeEmoji(e: { id?: string | null | undefined; name?: string | null | undefined }): string {
  return e.id ? `${e.name ?? '_'}:${e.id}` : encodeURIComponent(e.name ?? '');
}

/** Snowflakes grow with time: the newest posts, whatever order they were given in, newest first. */
function newest(posts: readonly PostedPaper[], n: number): PostedPaper[] {
  const id = (p: PostedPaper) => (/^\d+$/.test(p.messageId) ? BigInt(p.messageId) : 0n);
  return [...posts].sort((a, b) => (id(a) < id(b) ? 1 : id(a) > id(b) ? -1 : 0)).slice(0, n);
}

type Collector = (channel: ChannelRef, posts: readonly PostedPaper[]) => Promise<Collected>;

/**
 * The collector a port uses: reads of one channel are shared (a read in
 * flight is joined, a snapshot younger than FEEDBACK_LIMITS.reuseMs is
 * reused) and every REST read is paced process-wide, so a burst of
 * `/papers digest` in HTTP mode costs one channel read, not one per command.
 */
export function createFeedbackCollector(deps: FeedbackCollectorDeps): Collector {
  const read = readingCollector({ ...deps, throttle: deps.throttle ?? createThrottle({ now: () => deps.clock.now().getTime() }) });
  const inFlight = new Map<string, Promise<Collected>>();
  const done = new Map<string, { at: number; result: Collected }>();
  return (channel, posts) => {
    const key = channel.channelId;
    const now = deps.clock.now().getTime();
    const fresh = done.get(key);
    if (fresh && now - fresh.at < FEEDBACK_LIMITS.reuseMs) return Promise.resolve(fresh.result);
    const running = inFlight.get(key);
    if (running) return running;
    const reading = read(channel, posts).then((result) => {
      done.delete(key);
      done.set(key, { at: deps.clock.now().getTime(), result });
      if (done.size > FEEDBACK_LIMITS.remembered) done.delete(done.keys().next().value ?? '');
      return result;
    });
    inFlight.set(key, reading);
    void reading.finally(() => inFlight.delete(key)).catch(() => undefined);
    return reading;
  };
}

function readingCollector(deps: FeedbackCollectorDeps & { throttle: Throttle }): Collector {
  const { logger, botUserIds } = deps;
  const rest = {
    get: (route: Parameters<REST['get']>[0], options?: Parameters<REST['get']>[1]) =>
      deps.throttle.run(FEEDBACK_LIMITS.spacingMs, () => deps.rest.get(route, options)),
  };
  const human = (u: { id: string; bot?: boolean | undefined }) => u.bot !== true && !botUserIds.has(u.id);
  const query = (q: Record<string, string>) => ({ query: new URLSearchParams(q) });

  /** Reactions on one post; complete = every reacting user was listed. */
  async function reactions(where: string, post: PostedPaper, message: Message, at: string): Promise<{ items: FeedbackSnapshotItem[]; complete: boolean }> {
    const items: FeedbackSnapshotItem[] = [];
    const kinds = (message.reactions ?? []).filter((r) => r.count > 0 && emojiName(r.emoji)).sort((a, b) => b.count - a.count);
    let complete = kinds.length <= FEEDBACK_LIMITS.emoji;
    for (const r of kinds.slice(0, FEEDBACK_LIMITS.emoji)) {
      const emoji = emojiName(r.emoji) ?? '';
      const raw = await rest.get(Routes.channelMessageReaction(where, post.messageId, routeEmoji(r.emoji)), query({ limit: String(FEEDBACK_LIMITS.page) }));
      const users = z.array(userSchema).parse(raw);
      if (users.length >= FEEDBACK_LIMITS.page && r.count > users.length) complete = false;
      for (const u of users.filter(human)) {
        items.push({ messageOrThreadId: post.messageId, userId: u.id, kind: 'reaction', emoji, eventKey: `${post.messageId}:${u.id}:${emoji}`, at });
      }
    }
    return { items, complete };
  }

  /** People's messages in the post's thread, each a reply keyed by its message id as the gateway reports it. */
  async function replies(post: PostedPaper): Promise<{ items: FeedbackSnapshotItem[]; complete: boolean }> {
    if (!post.threadId) return { items: [], complete: true };
    const page = z.array(messageSchema).parse(await rest.get(Routes.channelMessages(post.threadId), query({ limit: String(FEEDBACK_LIMITS.page) })));
    const items = page
      .filter((m) => human(m.author) && m.webhook_id === undefined && HUMAN_MESSAGE_TYPES.has(m.type ?? 0) && m.id !== post.messageId)
      .map(
        (m): FeedbackSnapshotItem => ({
          messageOrThreadId: post.threadId,
          userId: m.author.id,
          kind: 'reply',
          emoji: null,
          eventKey: m.id,
          at: new Date(m.timestamp).toISOString(),
        }),
      );
    return { items, complete: page.length < FEEDBACK_LIMITS.page };
  }

  return async (channel, posts) => {
    const out: Collected = { snapshot: [], covered: [] };
    let failures = 0;
    let info: Awaited<ReturnType<typeof deps.channels.get>>;
    try {
      info = await deps.channels.get(channel.channelId);
    } catch (err) {
      logger.warn({ err, channel: channel.channelId }, 'could not read the channel to collect feedback');
      return out;
    }
    const at = deps.clock.now().toISOString();
    for (const post of newest(posts, FEEDBACK_LIMITS.posts)) {
      // A forum post's starter message lives in the post's own thread; a text channel's in the channel.
      const where = info.kind === 'forum' ? post.threadId || post.messageId : channel.channelId;
      try {
        const message = messageSchema.parse(await rest.get(Routes.channelMessage(where, post.messageId)));
        const r = await reactions(where, post, message, at);
        const t = await replies(post);
        out.snapshot.push(...r.items, ...t.items);
        if (r.complete && t.complete) out.covered.push(post.messageId);
      } catch (err) {
        if (refused(err)) {
          logger.warn({ err, channel: channel.channelId }, 'discord refused reading feedback (Read Message History?); stopped for this channel');
          break;
        }
        failures += 1;
        logger.warn({ err, channel: channel.channelId, message: post.messageId }, 'could not read a paper post’s feedback');
        if (failures >= FEEDBACK_LIMITS.failures) break;
      }
    }
    return out;
  };
}
