import type { Logger } from 'pino';
import { ChatError, type ChatPort, type Platform } from '../chat/port.js';
import type { Clock } from '../clock.js';
import type { Metrics } from '../metrics.js';
import type { Channel, Delivery, Stores } from '../store/types.js';
import type { KeyedMutex } from '../util/keyed-mutex.js';
import { isOwnerGone } from './owner.js';

export interface DeliverDeps {
  stores: Stores;
  ports: ReadonlyMap<Platform, ChatPort>;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** This process, as recorded on the deliveries it claims ("host:pid"). */
  owner: string;
  leaseMs: number;
  /** Attempts per delivery for transient failures and rate limits. */
  maxAttempts: number;
  sleep: (ms: number) => Promise<void>;
  /** One delivery loop per channel at a time within this process (scheduler and /papers digest may overlap). */
  locks: KeyedMutex;
}

export interface ChannelDeliveryResult {
  sent: number;
  failed: boolean;
  pausedReason: string | null;
}

const MAX_RETRY_WAIT_MS = 60_000;

/**
 * Send a channel's planned deliveries in plan order. Each is claimed first
 * (two processes may share the database) and marked sent right after the
 * platform accepts it; a crash between the two is covered by `maybeSent`.
 */
export function deliverChannel(channel: Channel, deps: DeliverDeps): Promise<ChannelDeliveryResult> {
  return deps.locks.run(channel.id, () => deliverChannelNow(channel, deps));
}

async function deliverChannelNow(channel: Channel, deps: DeliverDeps): Promise<ChannelDeliveryResult> {
  const port = deps.ports.get(channel.platform);
  const log = deps.logger.child({ channel: channel.id, platform: channel.platform });
  if (!port) {
    log.warn('no adapter running for this platform; deliveries wait');
    return { sent: 0, failed: false, pausedReason: null };
  }
  let sent = 0;
  for (const d of await deps.stores.deliveries.unsent(channel.id)) {
    // Our own earlier claim (we hold the channel's lock) or a dead process's can be taken over at once.
    const stale = d.status === 'attempted' && d.claimedBy !== null && (d.claimedBy === deps.owner || isOwnerGone(d.claimedBy));
    const claim = await deps.stores.deliveries.claim(d.id, deps.owner, deps.clock.now().toISOString(), stale ? 0 : deps.leaseMs);
    if (!claim.claimed) continue;
    const outcome = await sendWithRetry(port, channel, d, claim.maybeSent, deps);
    if (outcome === 'sent') {
      sent += 1;
      continue;
    }
    if (outcome instanceof ChatError && outcome.kind === 'permanent') {
      const reason = outcome.message;
      await pauseForFailure(channel, outcome, deps);
      log.error({ err: outcome, code: outcome.details.code }, 'channel paused after a permanent failure');
      return { sent, failed: true, pausedReason: reason };
    }
    log.warn({ err: outcome }, 'delivery failed for now; it stays planned for the next run');
    return { sent, failed: true, pausedReason: null };
  }
  return { sent, failed: false, pausedReason: null };
}

async function sendWithRetry(port: ChatPort, channel: Channel, d: Delivery, maybeSent: boolean, deps: DeliverDeps): Promise<'sent' | Error> {
  let mayHaveSent = maybeSent;
  let lastError: Error = new Error('not attempted');
  for (let attempt = 1; attempt <= deps.maxAttempts; attempt++) {
    try {
      const result = await port.send(channel, d.message, { idempotencyKey: d.idempotencyKey, maybeSent: mayHaveSent });
      const now = deps.clock.now().toISOString();
      await deps.stores.deliveries.markSent(d.id, result, now);
      if (d.kind === 'paper' && d.paperId) {
        await deps.stores.threads.record({
          channelId: channel.id,
          paperId: d.paperId,
          messageId: result.messageId,
          threadId: result.threadId ?? result.messageId,
          createdAt: now,
        });
      }
      deps.metrics.inc('paperboy_posts_total', 'Messages posted to chat platforms', { platform: channel.platform, kind: d.kind });
      return 'sent';
    } catch (err) {
      const e = err instanceof ChatError ? err : new ChatError('transient', err instanceof Error ? err.message : String(err), { cause: err });
      deps.metrics.inc('paperboy_post_failures_total', 'Failed attempts to post', { platform: channel.platform, kind: e.kind });
      lastError = e;
      if (e.kind === 'permanent') return e;
      // A transient failure (timeout, 5xx) may have reached the platform; a 429 did not.
      if (e.kind === 'transient') mayHaveSent = true;
      if (attempt < deps.maxAttempts) {
        const wait = e.kind === 'rate_limited' ? (e.details.retryAfterMs ?? 1000) : 500 * 2 ** (attempt - 1);
        await deps.sleep(Math.min(wait, MAX_RETRY_WAIT_MS));
      }
    }
  }
  return lastError;
}

async function pauseForFailure(channel: Channel, err: ChatError, deps: DeliverDeps): Promise<void> {
  const now = deps.clock.now().toISOString();
  const reason = err.message;
  if (err.details.scope === 'workspace') await deps.stores.channels.pauseWorkspace(channel.platform, channel.workspaceId, reason);
  else await deps.stores.channels.setPaused(channel.id, true, reason);
  await deps.stores.deliveries.failChannel(channel.id, now);
  deps.metrics.inc('paperboy_channels_paused_total', 'Channels paused after a permanent failure', { platform: channel.platform });
  const port = deps.ports.get(channel.platform);
  if (!port?.notifyPaused) return;
  try {
    const subscribers = [...new Set((await deps.stores.rules.list(channel.id)).map((r) => r.addedBy))];
    await port.notifyPaused(channel, reason, subscribers);
  } catch (notifyErr) {
    deps.logger.warn({ err: notifyErr, channel: channel.id }, 'could not tell subscribers about the pause');
  }
}
