import type { Logger } from 'pino';
import { ChatError, type ChatPort, type Platform, type SentMessage } from '../chat/port.js';
import type { Clock } from '../clock.js';
import type { Metrics } from '../metrics.js';
import type { Channel, ClaimedDelivery, Delivery, Stores } from '../store/types.js';
import type { KeyedMutex } from '../util/keyed-mutex.js';
import { retryDelayMs } from './backoff.js';
import { isOwnerGone } from './owner.js';

export interface DeliverDeps {
  stores: Stores;
  ports: ReadonlyMap<Platform, ChatPort>;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** This process, as recorded on the deliveries it claims ("host:pid"). */
  owner: string;
  /** How long a claim stands without renewal; longer than the longest single request. */
  leaseMs: number;
  /** Attempts of a delivery the platform refuses with a code no table knows, before it fails. */
  maxAttempts: number;
  sleep: (ms: number) => Promise<void>;
  /** One delivery loop per channel at a time within this process (scheduler and /papers digest may overlap). */
  locks: KeyedMutex;
  /** How often a claim is renewed while its send runs (real time); a quarter of the lease by default. */
  renewEveryMs?: number;
  /**
   * Whether a claim's owner no longer runs, so its claim is taken over at once:
   * on PostgreSQL, a worker whose session is gone; by default a process of this
   * host that no longer runs (isOwnerGone).
   */
  isGone?: (owner: string) => Promise<boolean>;
}

export interface ChannelDeliveryResult {
  sent: number;
  failed: boolean;
  pausedReason: string | null;
}

/** A Retry-After up to this long is waited out in the loop; a longer one leaves the delivery to a later run. */
export const MAX_INLINE_WAIT_MS = 60_000;
/**
 * Deliveries read per queue look-up. Each look-up reads the queue afresh (another
 * process may have moved it), so a short page keeps a channel's loop linear.
 */
const QUEUE_PAGE = 4;

/**
 * Send a channel's due deliveries in plan order, each claimed first (other
 * processes share the database), until the queue is empty or the platform
 * says to stop for now. Every answer has one outcome (see ChatErrorKind):
 * nothing blocks the channel, and nothing is thrown away.
 */
export function deliverChannel(channel: Channel, deps: DeliverDeps): Promise<ChannelDeliveryResult> {
  return deps.locks.run(channel.id, () => deliverChannelNow(channel, deps));
}

const ownerGone = (deps: DeliverDeps, owner: string): Promise<boolean> => (deps.isGone ? deps.isGone(owner) : Promise.resolve(isOwnerGone(owner)));

interface ChannelHold {
  /** The claim was taken from us (we stalled past the lease, or our database session went): stop. */
  readonly lost: boolean;
  release(): Promise<void>;
}

/**
 * Take the channel's queue (see DeliveryStore.claimChannel) and keep it while
 * the loop runs; null when another live process delivers it now. A holder
 * that is gone, or whose claim lapsed, is taken over.
 */
async function holdChannel(channelId: number, deps: DeliverDeps, log: Logger): Promise<ChannelHold | null> {
  const store = deps.stores.deliveries;
  const now = deps.clock.now().toISOString();
  let held = await store.claimChannel(channelId, deps.owner, now, deps.leaseMs);
  if (!held) {
    const holder = await store.channelHolder(channelId);
    const gone = holder !== null && (await ownerGone(deps, holder.owner));
    held = await store.claimChannel(channelId, deps.owner, now, gone ? 0 : deps.leaseMs, holder ?? undefined);
    if (held && holder) log.info({ from: holder.owner, gone }, 'took over a channel from another process');
  }
  if (!held) return null;
  let lost = false;
  const renew = setInterval(
    () => {
      store.renewChannel(channelId, deps.owner, deps.clock.now().toISOString()).then(
        (kept) => {
          if (!kept && !lost) log.error('lost the claim on a channel while delivering it; stopping');
          lost ||= !kept;
        },
        (err: unknown) => log.warn({ err }, 'could not renew a channel claim'),
      );
    },
    deps.renewEveryMs ?? deps.leaseMs / 4,
  );
  renew.unref();
  return {
    get lost() {
      return lost;
    },
    async release() {
      clearInterval(renew);
      await store
        .releaseChannel(channelId, deps.owner)
        .catch((err: unknown) => log.warn({ err }, 'could not release a channel claim; it lapses with its lease'));
    },
  };
}

/**
 * After a post, `then` is what its record found: the channel's next delivery,
 * claimed in the same transaction; 'look' when no planned one came first (the
 * queue is read); undefined when it did not look (the loop claims afresh).
 */
type Step =
  | { next: 'sent'; then?: Claimed | 'look' }
  | { next: 'go on'; failed: boolean }
  | { next: 'wait'; ms: number }
  | { next: 'stop' }
  | { next: 'paused'; reason: string };

async function deliverChannelNow(channel: Channel, deps: DeliverDeps): Promise<ChannelDeliveryResult> {
  const port = deps.ports.get(channel.platform);
  const log = deps.logger.child({ channel: channel.id, platform: channel.platform });
  if (!port) {
    log.warn('no adapter running for this platform; deliveries wait');
    return { sent: 0, failed: false, pausedReason: null };
  }
  const hold = await holdChannel(channel.id, deps, log);
  // Another process is delivering this channel now: its posts stay in order by staying with one process.
  if (!hold) return { sent: 0, failed: false, pausedReason: null };
  let sent = 0;
  let failed = false;
  // What recording the last post found next (see Step); undefined: claim afresh.
  let then: Claimed | 'look' | undefined;
  try {
    for (;;) {
      // A delivery claimed with the last post's record is sent even if the channel's claim was lost since, as one claimed just before would be.
      const claimed = then && then !== 'look' ? then : hold.lost ? null : await (then === 'look' ? claimFromQueue : claimNext)(channel.id, deps);
      then = undefined;
      if (!claimed) return { sent, failed, pausedReason: null };
      const step = await attempt(port, channel, claimed, deps, log, () => !hold.lost);
      if (step.next === 'sent') {
        sent += 1;
        then = step.then;
      } else if (step.next === 'go on') failed ||= step.failed;
      else if (step.next === 'wait') await deps.sleep(step.ms);
      else if (step.next === 'stop') return { sent, failed: true, pausedReason: null };
      else return { sent, failed: true, pausedReason: step.reason };
    }
  } finally {
    await hold.release();
  }
}

interface Claimed {
  d: Delivery;
  maybeSent: boolean;
  firstAttemptAt: string | null;
}

/**
 * The first delivery of the channel this process may work on now, claimed.
 * The queue is read afresh each time, and a takeover names the claim it
 * replaces (owner and time), so a claim renewed or taken meanwhile is left
 * alone. A delivery that cannot be claimed stops the loop rather than let a
 * later one overtake it: the channel is tried again at a later run.
 */
async function claimNext(channelId: number, deps: DeliverDeps): Promise<Claimed | null> {
  // The usual case in one statement, reading one row: a planned delivery heads the queue.
  const first = await deps.stores.deliveries.claimFirst(channelId, deps.owner, deps.clock.now().toISOString());
  return first ? asClaimed(first) : claimFromQueue(channelId, deps);
}

const asClaimed = (c: ClaimedDelivery): Claimed => ({ d: c.delivery, maybeSent: c.maybeSent, firstAttemptAt: c.firstAttemptAt });

/** An empty queue, or an attempted delivery first (ours from before, or another process's): look at it. */
async function claimFromQueue(channelId: number, deps: DeliverDeps): Promise<Claimed | null> {
  const now = deps.clock.now().toISOString();
  for (const d of await deps.stores.deliveries.queue(channelId, now, QUEUE_PAGE)) {
    let result: Awaited<ReturnType<Stores['deliveries']['claim']>>;
    if (d.status === 'planned') {
      result = await deps.stores.deliveries.claim(d.id, deps.owner, now, deps.leaseMs);
    } else {
      if (!d.claimedBy || !d.claimedAt) continue;
      // Our own earlier claim (we hold the channel's lock) or a dead process's is taken over at once.
      const gone = d.claimedBy === deps.owner || (await ownerGone(deps, d.claimedBy));
      result = await deps.stores.deliveries.claim(d.id, deps.owner, now, gone ? 0 : deps.leaseMs, { owner: d.claimedBy, claimedAt: d.claimedAt });
    }
    return result.claimed ? { d, maybeSent: result.maybeSent, firstAttemptAt: result.firstAttemptAt } : null;
  }
  return null;
}

/** Send one claimed delivery, keeping the claim alive meanwhile, and record what happened. */
async function attempt(port: ChatPort, channel: Channel, c: Claimed, deps: DeliverDeps, log: Logger, goesOn: () => boolean): Promise<Step> {
  const { d } = c;
  const store = deps.stores.deliveries;
  const renew = setInterval(
    () => {
      store.renew(d.id, deps.owner, deps.clock.now().toISOString()).then(
        (kept) => kept || log.error({ delivery: d.id }, 'lost the claim on a delivery while sending it'),
        (err: unknown) => log.warn({ err, delivery: d.id }, 'could not renew a claim'),
      );
    },
    deps.renewEveryMs ?? deps.leaseMs / 4,
  );
  renew.unref();
  let result: SentMessage | ChatError;
  try {
    // The first attempt's own claim time is not an earlier attempt: only a maybe-sent retry looks back.
    const earlier = c.maybeSent ? c.firstAttemptAt : null;
    result = await port.send(channel, d.message, { idempotencyKey: d.idempotencyKey, maybeSent: c.maybeSent, firstAttemptAt: earlier });
  } catch (err) {
    result = err instanceof ChatError ? err : new ChatError('unknown', err instanceof Error ? err.message : String(err), { cause: err });
  } finally {
    clearInterval(renew);
  }
  const now = deps.clock.now();
  if (!(result instanceof ChatError)) {
    // While the loop goes on, the record of this post also claims the channel's next delivery: one commit, not two.
    let then: Claimed | 'look' | undefined;
    let recorded: boolean;
    if (goesOn()) {
      const r = await store.markSentThenClaim(d.id, channel.id, deps.owner, result, now.toISOString());
      recorded = r.recorded;
      if (recorded) then = r.next ? asClaimed(r.next) : 'look';
    } else {
      recorded = await store.markSent(d.id, deps.owner, result, now.toISOString());
    }
    if (!recorded) log.error({ delivery: d.id }, 'posted, but another process had taken the delivery over; it records its own outcome');
    deps.metrics.inc('paperboy_posts_total', 'Messages posted to chat platforms', { platform: channel.platform, kind: d.kind });
    return then ? { next: 'sent', then } : { next: 'sent' };
  }
  const e = result;
  deps.metrics.inc('paperboy_post_failures_total', 'Failed attempts to post', { platform: channel.platform, kind: e.kind });
  const fields = { delivery: d.id, code: e.details.code, reason: e.message };
  switch (e.kind) {
    case 'rate_limited': {
      const wait = Math.max(0, e.details.retryAfterMs ?? 1000);
      await store.retryLater(d.id, deps.owner, { at: at(now, wait), reason: e.message, countAttempt: false, maybeSent: false });
      log.info({ ...fields, waitMs: wait, scope: e.details.scope }, 'rate limited; waiting as the platform asks');
      return wait <= MAX_INLINE_WAIT_MS ? { next: 'wait', ms: wait } : { next: 'stop' };
    }
    case 'transient': {
      const wait = retryDelayMs(d.attempts + 1);
      await store.retryLater(d.id, deps.owner, { at: at(now, wait), reason: e.message, countAttempt: true, maybeSent: true });
      log.warn({ ...fields, retryInMs: wait }, 'delivery failed for now; the scheduler retries it later');
      return { next: 'stop' };
    }
    case 'unknown': {
      if (d.attempts + 1 >= deps.maxAttempts) {
        await store.fail(d.id, deps.owner, `${e.message} (after ${d.attempts + 1} attempts)`, now.toISOString());
        log.error(fields, 'delivery failed: the platform kept refusing it with an answer Paperboy does not know');
        return { next: 'go on', failed: true };
      }
      const wait = retryDelayMs(d.attempts + 1);
      await store.retryLater(d.id, deps.owner, { at: at(now, wait), reason: e.message, countAttempt: true, maybeSent: true });
      log.warn({ ...fields, retryInMs: wait }, 'the platform refused a delivery with an unknown answer; retrying it later');
      return { next: 'go on', failed: true };
    }
    case 'message':
      await store.fail(d.id, deps.owner, e.message, now.toISOString());
      log.error(fields, 'the platform refused this message; it is not sent, the rest go on');
      return { next: 'go on', failed: true };
    case 'channel':
      await pauseChannel(channel, e, deps);
      return { next: 'paused', reason: e.message };
    case 'token':
      await pauseForToken(channel, e, deps);
      return { next: 'paused', reason: e.message };
  }
}

const at = (now: Date, ms: number): string => new Date(now.getTime() + ms).toISOString();

async function pauseChannel(channel: Channel, err: ChatError, deps: DeliverDeps): Promise<void> {
  const change = await deps.stores.channels.setPaused(channel.id, true, err.message, deps.clock.now().toISOString());
  // Another process may have paused it first: the subscribers hear it once.
  if (!change.changed) return;
  deps.logger.error({ channel: channel.id, code: err.details.code, reason: err.message, kept: change.deliveries }, 'channel paused; its queued posts are kept');
  deps.metrics.inc('paperboy_channels_paused_total', 'Channels paused after a permanent failure', { platform: channel.platform });
  const port = deps.ports.get(channel.platform);
  if (!port?.notifyPaused) return;
  try {
    const subscribers = [...new Set((await deps.stores.rules.list(channel.id)).map((r) => r.addedBy))];
    await port.notifyPaused(channel, err.message, subscribers);
  } catch (notifyErr) {
    deps.logger.warn({ err: notifyErr, channel: channel.id }, 'could not tell subscribers about the pause');
  }
}

async function pauseForToken(channel: Channel, err: ChatError, deps: DeliverDeps): Promise<void> {
  const workspaceId = err.details.scope === 'bot' ? null : channel.workspaceId;
  const paused = await deps.stores.channels.pauseWorkspace(channel.platform, workspaceId, err.message, deps.clock.now().toISOString());
  if (!paused) return;
  deps.metrics.inc('paperboy_channels_paused_total', 'Channels paused after a permanent failure', { platform: channel.platform }, paused);
  // The one line an operator needs: what broke, what is paused, what to do.
  deps.logger.error(
    { platform: channel.platform, workspace: workspaceId ?? 'all', code: err.details.code, channelsPaused: paused },
    `${err.message} — ${paused} channel(s) paused, their queued posts kept; fix the token, restart Paperboy, then run /papers resume in each paused channel`,
  );
}
