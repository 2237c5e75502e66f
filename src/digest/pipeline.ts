import type { ChatPort, OutboundMessage, Platform } from '../chat/port.js';
import { collectChannelFeedback } from '../feedback/collect.js';
import type { ChannelLearning } from '../feedback/learning.js';
import type { FeedbackRecorder } from '../feedback/recorder.js';
import type { StoredPaper } from '../papers/paper.js';
import type { CompiledRules, RuleEngine, RuleMatch } from '../rules/engine.js';
import { rankChannelMatches, type ChannelMatch } from '../rules/rank.js';
import { DEFAULT_FETCH_INTERVAL_MS } from '../sources/cadence.js';
import { createFetchJob, type FetchJob, type FetchRun, type SourceLock } from '../sources/fetch-job.js';
import type { PaperSource } from '../sources/source.js';
import { DELIVERY_MAX_AGE_MS, type Channel, type DigestPlan, type Rule } from '../store/types.js';
import { KeyedMutex } from '../util/keyed-mutex.js';
import { Limiter, mapLimit } from '../util/limit.js';
import { deliverChannel, type DeliverDeps } from './deliver.js';
import { newDigestId } from './keys.js';
import { moreLine, planChannelDigest } from './plan.js';
import type { ChannelDigestReport, CycleReport, DigestRunOptions, DigestService } from './types.js';
import { dayBounds, digestWindow } from './window.js';

/** Channels matched and planned at once: CPU and database work, so a few suffice. */
const PLAN_CONCURRENCY = 4;

export interface PipelineSettings {
  maxPerDigest: number;
  /** Channels delivered at once (PAPERS_CHANNEL_CONCURRENCY). */
  channelConcurrency: number;
  defaultTimezone: string;
  /** Days a source catches up after an outage. */
  maxCatchUpDays: number;
  /** Hugging Face's cadence (PAPERS_FETCH_INTERVAL); 30 minutes when not given. */
  fetchIntervalMs?: number;
}

export interface PipelineDeps extends Omit<DeliverDeps, 'ports' | 'locks'> {
  engine: RuleEngine;
  sources: readonly PaperSource[];
  ports: ReadonlyMap<Platform, ChatPort>;
  settings: PipelineSettings;
  /** Without it the digest order is the rule order, as before learning existed. */
  learning?: { learning: ChannelLearning; recorder: FeedbackRecorder };
  /** Around each source's "decide + fetch + record"; a process-local mutex when not given. */
  sourceLock?: SourceLock;
}

export interface DigestPipeline extends DigestService {
  /**
   * Fetch the sources that are due on their own cadence and store what is new
   * (`fetch.runDue`); with a day, that day from every source (a backfill).
   */
  refresh(day?: string): Promise<FetchRun>;
  /** The sources' fetch job, which the scheduler also runs on its own. */
  fetch: FetchJob;
  /** Send the channel's planned deliveries now (a recap just planned); returns how many were sent. */
  deliver(channelId: number): Promise<number>;
  /**
   * Take as many channels with due deliveries as the delivery pool has room
   * for (channels no other worker holds) and start delivering them; returns
   * how many were taken. Workers sharing a database each call it every few
   * seconds, so the work spreads over whoever has room.
   */
  pump(): Promise<number>;
}

/** fetch → store papers → match each channel's rules → plan → post through the chat port → record. */
export function createDigestService(deps: PipelineDeps): DigestPipeline {
  const { stores, logger, metrics, settings } = deps;
  const deliverDeps: DeliverDeps = { ...deps, locks: new KeyedMutex() };
  const pool = new Limiter(settings.channelConcurrency);
  /** Deliver a channel's queue now, within the pool of channels delivered at once. */
  const deliverNow = (channel: Channel) => pool.run(() => deliverChannel(channel, deliverDeps));
  const fetch = createFetchJob({
    sources: deps.sources,
    stores,
    clock: deps.clock,
    logger,
    metrics,
    fetchIntervalMs: settings.fetchIntervalMs ?? DEFAULT_FETCH_INTERVAL_MS,
    maxCatchUpDays: settings.maxCatchUpDays,
    ...(deps.sourceLock ? { lock: deps.sourceLock } : {}),
  });
  const refresh = (day?: string): Promise<FetchRun> => (day ? fetch.fetchDay(day) : fetch.runDue());

  /** Matches of one channel, read from the hits of an index compiled over every channel's rules. */
  async function channelMatches(channel: Channel, rules: readonly Rule[], hits: RuleHits): Promise<ChannelMatch[]> {
    const byPaper = new Map<string, ChannelMatch>();
    for (const rule of rules) {
      for (const { paper, match } of hits.get(String(rule.id))) {
        const entry = byPaper.get(paper.id);
        if (entry) entry.matches.push(match);
        else byPaper.set(paper.id, { paper, matches: [match] });
      }
    }
    const candidates = [...byPaper.values()];
    const offered = await stores.deliveries.offered(
      channel.id,
      candidates.map((c) => c.paper.id),
    );
    return rankChannelMatches(candidates.filter((c) => !offered.has(c.paper.id)));
  }

  /** Rules gate, the channel's model orders (and maybe cuts); exactly the rule order without enough feedback. */
  async function learnedRanking(channel: Channel, ruleRanked: ChannelMatch[]): Promise<ChannelMatch[]> {
    const learn = deps.learning;
    if (!learn || !ruleRanked.length) return ruleRanked;
    try {
      const r = await learn.learning.order(channel.id, ruleRanked, settings.maxPerDigest);
      if (r.trained) {
        metrics.observe('paperboy_model_train_seconds', 'Time to train a channel model before its digest', {}, r.trained.trainMs / 1000);
        logger.info(
          {
            channel: channel.id,
            ready: r.trained.model.ready,
            evidence: r.trained.model.evidence,
            dropped: r.dropped.length,
            explored: r.explored?.paper.id ?? null,
            trainMs: Math.round(r.trained.trainMs),
          },
          'learned order',
        );
      }
      return r.ordered;
    } catch (err) {
      // The model is an improvement, never a reason to miss a digest.
      logger.error({ err, channel: channel.id }, 'learned ordering failed; using the rule order');
      return ruleRanked;
    }
  }

  /** Plan a channel's digest and deliver it. */
  async function digestOne(channel: Channel, rules: readonly Rule[], opts: DigestRunOptions, hitsFor: HitsFor, now: Date): Promise<ChannelDigestReport> {
    return (await planOne(channel, rules, opts, hitsFor, now))();
  }

  /**
   * Plan a channel's digest; the returned function delivers it and reports.
   * `now` is the cycle's: channels digested together share their windows, and so one matching pass.
   */
  async function planOne(
    channel: Channel,
    rules: readonly Rule[],
    opts: DigestRunOptions,
    hitsFor: HitsFor,
    now: Date,
  ): Promise<() => Promise<ChannelDigestReport>> {
    const base: ChannelDigestReport = {
      channelId: channel.id,
      planned: 0,
      held: 0,
      sent: 0,
      failed: false,
      pausedReason: channel.paused ? channel.pausedReason : null,
    };
    if (channel.paused) return async () => base;
    const window = opts.day ? dayBounds(opts.day) : digestWindow(channel.lastDigestAt, now);
    if (!rules.length) {
      // Nothing to match, but the slot is done all the same: a channel left due is digested again every minute.
      if (!opts.dryRun && !opts.day) await stores.deliveries.planDigest(emptyPlan(channel.id, now, window.to));
      return async () => base;
    }
    const port = deps.ports.get(channel.platform);
    // A port that gets no events reads feedback now, whether or not today matched anything: recaps need it too.
    if (deps.learning && port?.collectFeedback && !opts.dryRun) {
      await collectChannelFeedback(channel, port, { stores, recorder: deps.learning.recorder, logger, now });
    }
    const ruleRanked = await channelMatches(channel, rules, await hitsFor(window.from, window.to));
    metrics.inc('paperboy_matches_total', 'Papers matched to a channel (new to it)', { platform: channel.platform }, ruleRanked.length);
    const ranked = await learnedRanking(channel, ruleRanked);
    const plan = planChannelDigest({
      channel,
      rules,
      ranked,
      maxPerDigest: settings.maxPerDigest,
      digestId: newDigestId(now),
      now,
      coveredUntil: window.to,
      defaultTimezone: settings.defaultTimezone,
    });
    // A backfill of a past day must not move the channel's regular window (a new channel would then replay a week).
    if (opts.day) plan.keepWindow = true;
    const planned = plan.deliveries.filter((d) => d.kind === 'paper' && d.status === 'planned').length;
    const held = plan.deliveries.filter((d) => d.status === 'held').length;
    if (opts.dryRun) {
      const messages: OutboundMessage[] = plan.deliveries.filter((d) => d.status === 'planned').map((d) => d.message);
      return async () => ({ ...base, planned, held, messages });
    }
    await stores.deliveries.planDigest(plan);
    if (opts.leaveToPump) return async () => ({ ...base, planned, held });
    return async () => {
      const result = await deliverNow(channel);
      return { ...base, planned, held, sent: result.sent, failed: result.failed, pausedReason: result.pausedReason };
    };
  }

  const papersBetween = (from: string, to: string) => stores.papers.firstSeenBetween(from, to);

  /** A backfill selects papers by their own date (HF day, else arXiv date), not by when we saw them. */
  function digestByDay(day: string): (from: string, to: string) => Promise<StoredPaper[]> {
    return () => stores.papers.datedOn(day);
  }

  const service: DigestPipeline = {
    refresh,
    fetch,

    async runCycle(opts = {}) {
      const fetched = await refresh(opts.day);
      const channels = (await stores.channels.list()).filter((c) => !c.paused && (!opts.channelIds || opts.channelIds.includes(c.id)));
      const allRules = await stores.rules.listActive();
      const compiled = deps.engine.compile(allRules.map((r) => ({ id: String(r.id), text: r.text })));
      const papersFor = opts.day ? digestByDay(opts.day) : papersBetween;
      // One pass over each window's papers for every channel's rules; channels sharing a window share it.
      const hitsFor = memoize((from: string, to: string) => ruleHits(compiled, papersFor(from, to)));
      const now = deps.clock.now();
      // Grouped once: filtering every rule for every channel is channels × rules, 10⁹ steps at 10,000 channels.
      const rulesOf = new Map<number, Rule[]>();
      for (const r of allRules) {
        const list = rulesOf.get(r.channelId);
        if (list) list.push(r);
        else rulesOf.set(r.channelId, [r]);
      }
      // Planning (matching, learning) is CPU work done a few channels at a time; the posting that
      // follows each plan waits on the platforms and runs in the delivery pool, so a channel
      // waiting for its pace holds up neither planning nor the other channels.
      const failedReport = (channel: Channel, err: unknown): ChannelDigestReport => {
        logger.error({ err, channel: channel.id }, 'channel digest failed');
        return { channelId: channel.id, planned: 0, held: 0, sent: 0, failed: true, pausedReason: null };
      };
      const delivered = new Array<Promise<ChannelDigestReport>>(channels.length);
      await mapLimit(channels, PLAN_CONCURRENCY, async (channel, i) => {
        try {
          const deliver = await planOne(channel, rulesOf.get(channel.id) ?? [], opts, hitsFor, now);
          delivered[i] = deliver().catch((err: unknown) => failedReport(channel, err));
        } catch (err) {
          delivered[i] = Promise.resolve(failedReport(channel, err));
        }
      });
      const reports = await Promise.all(delivered);
      return { fetched: fetched.reports, papersAdded: fetched.added, channels: reports } satisfies CycleReport;
    },

    async digestChannel(channelId, opts = {}) {
      // At most one fetch, shared with any under way, and only of a source out of date.
      await refresh();
      const channel = await stores.channels.get(channelId);
      if (!channel) throw new Error(`unknown channel ${channelId}`);
      const rules = await stores.rules.list(channelId);
      const compiled = deps.engine.compile(rules.map((r) => ({ id: String(r.id), text: r.text })));
      const papersFor = opts.day ? digestByDay(opts.day) : papersBetween;
      return digestOne(channel, rules, opts, (from, to) => ruleHits(compiled, papersFor(from, to)), deps.clock.now());
    },

    async more(channelId) {
      const channel = await stores.channels.get(channelId);
      if (!channel) throw new Error(`unknown channel ${channelId}`);
      const held = await stores.deliveries.held(channelId);
      const batch = held.slice(0, settings.maxPerDigest);
      const base = { channelId, planned: batch.length, held: held.length - batch.length, sent: 0, failed: false, pausedReason: channel.pausedReason };
      if (!batch.length || channel.paused) return base;
      const now = deps.clock.now();
      const digestId = newDigestId(now);
      await stores.deliveries.release(
        channelId,
        batch.map((d) => d.id),
        digestId,
        now.toISOString(),
      );
      if (base.held > 0) {
        await stores.deliveries.planDigest({
          channelId,
          digestId,
          plannedAt: now.toISOString(),
          coveredUntil: channel.lastDigestAt ?? now.toISOString(),
          deliveries: [moreLine(channelId, digestId, base.held)],
        });
      }
      const result = await deliverNow(channel);
      return { ...base, sent: result.sent, failed: result.failed, pausedReason: result.pausedReason };
    },

    async deliver(channelId) {
      const channel = await stores.channels.get(channelId);
      return channel && !channel.paused ? (await deliverNow(channel)).sent : 0;
    },

    async pump() {
      const taken = await stores.deliveries.takeChannels(deps.owner, deps.clock.now().toISOString(), deps.leaseMs, pool.free);
      for (const id of taken) {
        // The claim is ours already; the channel's loop takes it again (a holder may), keeps it and lets it go.
        const run = async () => {
          const channel = await stores.channels.get(id);
          if (channel && !channel.paused) await deliverNow(channel);
          else await stores.deliveries.releaseChannel(id, deps.owner);
        };
        void run().catch((err: unknown) => logger.error({ err, channel: id }, 'delivering a channel failed'));
      }
      return taken.length;
    },

    async deliverPending(opts = {}) {
      const now = deps.clock.now();
      const expired = await stores.deliveries.expire(
        new Date(now.getTime() - DELIVERY_MAX_AGE_MS).toISOString(),
        'not delivered within 7 days',
        now.toISOString(),
      );
      if (expired) logger.warn({ expired }, 'gave up on deliveries still unsent after 7 days');
      if (opts.viaPump) return service.pump();
      const channelIds = await stores.deliveries.dueChannels(now.toISOString(), deps.leaseMs);
      const results = await Promise.all(
        channelIds.map(async (id) => {
          const channel = await stores.channels.get(id);
          return channel && !channel.paused ? (await deliverNow(channel)).sent : 0;
        }),
      );
      return results.reduce((a, b) => a + b, 0);
    },
  };
  return service;
}

/** A digest with nothing to post: it only marks the channel's slot done. */
function emptyPlan(channelId: number, now: Date, coveredUntil: string): DigestPlan {
  return { channelId, digestId: newDigestId(now), plannedAt: now.toISOString(), coveredUntil, deliveries: [] };
}

/** A window's matches, rule by rule. */
interface RuleHits {
  get(ruleId: string): { paper: StoredPaper; match: RuleMatch }[];
}
type HitsFor = (from: string, to: string) => Promise<RuleHits>;

/** One pass over the window's papers for all the rules (see CompiledRules.matchByRule); each channel then reads its rules' matches. */
async function ruleHits(compiled: CompiledRules, papers: Promise<StoredPaper[]>): Promise<RuleHits> {
  const window = await papers;
  const byRule = compiled.matchByRule(window);
  return { get: (ruleId) => byRule(ruleId).map(({ paper, match }) => ({ paper: window[paper] as StoredPaper, match })) };
}

function memoize<R>(fn: (from: string, to: string) => Promise<R>): (from: string, to: string) => Promise<R> {
  const cache = new Map<string, Promise<R>>();
  return (from, to) => {
    const k = `${from}|${to}`;
    let v = cache.get(k);
    if (!v) {
      v = fn(from, to);
      cache.set(k, v);
    }
    return v;
  };
}
