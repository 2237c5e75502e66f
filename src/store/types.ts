import type { ChannelRef, OutboundMessage, SentMessage } from '../chat/port.js';
import type { FeedbackEvent } from '../learn/feedback.js';
import type { Paper, SourceName, StoredPaper } from '../papers/paper.js';

/*
 * Store interfaces. Every method returns a Promise so that a PostgreSQL
 * implementation can replace SQLite without touching callers. All SQL lives
 * in the implementation modules; each multi-step write runs in one transaction.
 */

export interface Channel extends ChannelRef {
  id: number;
  /** "HH:MM" in `timezone`; null means the deployment default. */
  scheduleTime: string | null;
  /** IANA zone; null means the deployment default. */
  timezone: string | null;
  paused: boolean;
  pausedReason: string | null;
  /** End of the window the previous digest covered (ISO); null before the first digest. */
  lastDigestAt: string | null;
  createdAt: string;
}

export interface ChannelStore {
  /** Find or create the channel row for a platform channel. */
  ensure(ref: ChannelRef, now: string): Promise<Channel>;
  find(ref: ChannelRef): Promise<Channel | null>;
  get(id: number): Promise<Channel | null>;
  list(): Promise<Channel[]>;
  setSchedule(id: number, time: string | null, timezone: string | null): Promise<void>;
  /**
   * Pause or resume, in one transaction with the channel's queue: pausing turns
   * its planned and attempted deliveries into `paused` ones (kept, not failed);
   * resuming plans again those planned within the last 7 days before `now` and
   * fails the older ones, and clears a token failure recorded for its workspace.
   * `changed` is false when the channel already was in that state (so a pause is
   * announced once).
   */
  setPaused(id: number, paused: boolean, reason: string | null, now?: string): Promise<PauseChange>;
  /**
   * The platform refused the token: pause every channel of a workspace (or, with
   * `workspaceId` null, of the whole platform: a Discord bot token serves every
   * guild), their deliveries kept as in setPaused, and record the failure for
   * /healthz. Returns how many channels this paused.
   */
  pauseWorkspace(platform: ChannelRef['platform'], workspaceId: string | null, reason: string, now?: string): Promise<number>;
  /** Token failures not yet cleared by a resume, for /healthz. */
  tokenFailures(): Promise<TokenFailure[]>;
}

export interface PauseChange {
  changed: boolean;
  /** Deliveries put back in the queue (resume) or kept aside (pause). */
  deliveries: number;
  /** Resume only: paused deliveries older than 7 days, failed instead. */
  expired: number;
}

export interface TokenFailure {
  platform: ChannelRef['platform'];
  /** The Slack team, or null for a whole Discord bot. */
  workspaceId: string | null;
  reason: string;
  at: string;
}

/** Queued deliveries older than this are not sent any more: a paper a week late is noise. */
export const DELIVERY_MAX_AGE_MS = 7 * 24 * 3600 * 1000;

export interface Rule {
  id: number;
  channelId: number;
  text: string;
  addedBy: string;
  addedAt: string;
}

export interface RuleStore {
  /**
   * Adds a rule, or returns the channel's rule of the same text. With `limit`,
   * a channel that already has that many rules gets a RuleLimitError instead:
   * counted in the insert's own transaction, so two subscribes at once cannot
   * both pass the limit.
   */
  add(channelId: number, text: string, addedBy: string, now: string, limit?: number): Promise<Rule>;
  /** Remove by exact text (case-insensitive) or by numeric id; returns the removed rule. */
  remove(channelId: number, textOrId: string): Promise<Rule | null>;
  list(channelId: number): Promise<Rule[]>;
  /** Every rule of every channel that is not paused. */
  listActive(): Promise<Rule[]>;
  /** The rules one person added in the channels of one workspace, with their channels, by channel then rule id. */
  addedBy(workspace: Workspace, userId: string): Promise<{ channel: Channel; rule: Rule }[]>;
}

/** A Slack workspace or Discord guild (the console is one workspace too). */
export type Workspace = Pick<ChannelRef, 'platform' | 'workspaceId'>;

/** A place in (firstSeenAt, id) order. */
export interface PaperCursor {
  firstSeenAt: string;
  id: string;
}

export interface PaperStore {
  /** Insert new papers, merge known ones (richer fields win). First-seen time is kept. */
  upsertMany(papers: readonly Paper[], now: string): Promise<{ added: number; updated: number }>;
  get(id: string): Promise<StoredPaper | null>;
  /** Papers first seen in [from, to). */
  firstSeenBetween(from: string, to: string): Promise<StoredPaper[]>;
  /**
   * One page of papers first seen at or after `from`, in (firstSeenAt, id)
   * order, starting after `after` (null: from the start): a caller reads a
   * long window a page at a time, so no single read holds the process up.
   */
  firstSeenPage(from: string, after: PaperCursor | null, limit: number): Promise<StoredPaper[]>;
  /** Papers dated `day` (YYYY-MM-DD, UTC): listed on HF that day, or, when not on HF, published on arXiv that day. */
  datedOn(day: string): Promise<StoredPaper[]>;
  count(): Promise<number>;
}

export type DeliveryKind = OutboundMessage['kind'];
/**
 * planned → attempted (claimed) → sent. `held`: beyond the per-digest cap,
 * released by `/papers more`. `paused`: queued when its channel was paused,
 * planned again on resume. `failed`: given up, with `failureReason`.
 * An attempt that did not go through puts the row back to `planned` with a
 * `nextAttemptAt`.
 */
export type DeliveryStatus = 'planned' | 'attempted' | 'sent' | 'held' | 'failed' | 'paused';

export interface Delivery {
  id: number;
  channelId: number;
  digestId: string;
  seq: number;
  kind: DeliveryKind;
  paperId: string | null;
  idempotencyKey: string;
  message: OutboundMessage;
  status: DeliveryStatus;
  messageId: string | null;
  threadId: string | null;
  /** Process that last claimed it ("host:pid"), null before any claim. */
  claimedBy: string | null;
  /** When that claim was taken or last renewed. */
  claimedAt: string | null;
  plannedAt: string;
  sentAt: string | null;
  /** Failed attempts so far (transient or unknown answers; rate limits do not count). */
  attempts: number;
  /** Not to be tried before this time; null = now. */
  nextAttemptAt: string | null;
  /** An earlier attempt may have reached the platform. */
  maybeSent: boolean;
  firstAttemptAt: string | null;
  failureReason: string | null;
}

export interface PlannedDelivery {
  kind: DeliveryKind;
  paperId: string | null;
  idempotencyKey: string;
  message: OutboundMessage;
  status: 'planned' | 'held';
}

export interface DigestPlan {
  channelId: number;
  digestId: string;
  plannedAt: string;
  /** The channel's `lastDigestAt` becomes this, in the same transaction. */
  coveredUntil: string;
  /** True for posts outside the daily window (the weekly recap): `coveredUntil` is then ignored. */
  keepWindow?: boolean;
  deliveries: PlannedDelivery[];
}

/** Who holds a claim: a takeover names the claim it replaces, so it can only replace that one. */
export interface ClaimHolder {
  owner: string;
  claimedAt: string;
}

export interface ClaimResult {
  claimed: boolean;
  /** An earlier attempt may have reached the platform: the adapter looks for it before posting. */
  maybeSent: boolean;
  /** When the first attempt of this delivery started (the claim's own time for a first attempt). */
  firstAttemptAt: string | null;
}

/** A delivery claimed for sending, read back as the claim left it. */
export interface ClaimedDelivery {
  delivery: Delivery;
  /** As ClaimResult's. */
  maybeSent: boolean;
  firstAttemptAt: string | null;
}

/** How an attempt that did not go through is put back in the queue. */
export interface RetryLater {
  at: string;
  reason: string;
  /** Counts toward giving up (not for a rate limit: nothing was wrong with the delivery). */
  countAttempt: boolean;
  /** The attempt may have reached the platform (timeout, 5xx): the next one looks first. */
  maybeSent: boolean;
}

/*
 * Claims are compare-and-set, and every outcome is written only by the claim's
 * owner, so a process that lost its claim (it stalled past the lease and was
 * taken over) cannot overwrite what the new owner records. Each method is one
 * statement or one transaction: on PostgreSQL, `queue` can become a
 * SELECT … FOR UPDATE SKIP LOCKED and `claim` an UPDATE … WHERE … RETURNING.
 */
export interface DeliveryStore {
  /** Of `paperIds`, those this channel was ever offered (any status). */
  offered(channelId: number, paperIds: readonly string[]): Promise<Set<string>>;
  /**
   * Write a whole digest plan at once. A paper already planned for the channel
   * (by a concurrent run) is skipped; returns the number of rows written.
   */
  planDigest(plan: DigestPlan): Promise<number>;
  /** Planned or attempted deliveries, in plan order; all channels when `channelId` is omitted. */
  unsent(channelId?: number): Promise<Delivery[]>;
  /**
   * The channel's deliveries that may be worked on at `now`, in plan order, at
   * most `limit`: planned ones due (no next attempt time, or one passed), and
   * attempted ones (claimed; the caller decides whether a claim is stale).
   */
  queue(channelId: number, now: string, limit: number): Promise<Delivery[]>;
  /** Channels with a planned delivery due at `now` or a claim older than `leaseMs`. */
  dueChannels(now: string, leaseMs: number): Promise<number[]>;
  /**
   * Take a delivery for sending. A planned row due at `now` is taken as it is; an
   * attempted row only from `takeOver`, the holder the caller saw, still holding
   * it, with its claim older than `leaseMs` (0: the holder is known to be gone).
   */
  claim(id: number, owner: string, now: string, leaseMs: number, takeOver?: ClaimHolder): Promise<ClaimResult>;
  /**
   * The channel's usual next step in one statement: when the first delivery of
   * its queue (in plan order, as `queue` reads it) is a planned one due at
   * `now`, claim it as `claim` would and return it. Null when the queue is
   * empty or starts with an attempted delivery (the caller reads it with
   * `queue` and decides about a takeover); a later delivery is never claimed
   * past the first, so the channel's order holds.
   */
  claimFirst(channelId: number, owner: string, now: string): Promise<ClaimedDelivery | null>;
  /** Keep a claim alive while its owner works; false when the owner lost it. */
  renew(id: number, owner: string, now: string): Promise<boolean>;
  /**
   * Record the post (and, for a paper, its thread, in the same transaction) if
   * `owner` still holds the claim. False when it does not: another process took over.
   */
  markSent(id: number, owner: string, sent: SentMessage, now: string): Promise<boolean>;
  /**
   * The step between two posts of a channel, in one transaction (one commit
   * instead of two): markSent, and when that was recorded, claimFirst of the
   * delivery's channel (`channelId`) at the same `now`. `next` is null when
   * nothing was recorded or claimFirst found nothing to take.
   */
  markSentThenClaim(id: number, channelId: number, owner: string, sent: SentMessage, now: string): Promise<{ recorded: boolean; next: ClaimedDelivery | null }>;
  /** Put a claimed delivery back for a later attempt (owner only). */
  retryLater(id: number, owner: string, retry: RetryLater): Promise<boolean>;
  /** Give up on a claimed delivery, keeping why (owner only). */
  fail(id: number, owner: string, reason: string, now: string): Promise<boolean>;
  /** Fail every planned delivery planned before `before` (never sent in time); returns how many. */
  expire(before: string, reason: string, now: string): Promise<number>;
  held(channelId: number): Promise<Delivery[]>;
  /** Turn held deliveries into planned ones under a new digest, in the given order. */
  release(channelId: number, ids: readonly number[], digestId: string, now: string): Promise<void>;
  /** Counts by status, for metrics and tests. */
  countByStatus(): Promise<Record<DeliveryStatus, number>>;
  /**
   * Take a channel's queue: while a process holds it, no other one claims the
   * channel's deliveries, so workers sharing the database never post to one
   * channel at once and its posts keep their order. Free, or already `owner`'s:
   * taken. Held by another: only from `takeOver`, the holder the caller saw,
   * still holding it with a claim older than `leaseMs` (0: the holder is gone).
   */
  claimChannel(channelId: number, owner: string, now: string, leaseMs: number, takeOver?: ClaimHolder): Promise<boolean>;
  /** Who holds a channel's queue, or null when nobody does. */
  channelHolder(channelId: number): Promise<ClaimHolder | null>;
  /** Keep a channel's claim alive; false when `owner` no longer holds it. */
  renewChannel(channelId: number, owner: string, now: string): Promise<boolean>;
  /** Let go of a channel's queue (owner only). */
  releaseChannel(channelId: number, owner: string): Promise<void>;
  /**
   * Claim for `owner` up to `limit` channels (not paused) whose queue starts
   * with a delivery due at `now`, and that nobody holds, or whose holder's
   * claim is older than `leaseMs`, or whose holder no longer runs (SQLite: a
   * process of this host; PostgreSQL: a worker whose session is gone); not
   * those `owner` holds already. Callers taking at the same time get
   * different channels. Returns their ids.
   */
  takeChannels(owner: string, now: string, leaseMs: number, limit: number): Promise<number[]>;
  /** What `owner` holds now, and the oldest due planned delivery (for /healthz and /metrics). */
  workload(owner: string, now: string): Promise<Workload>;
}

export interface Workload {
  /** Deliveries `owner` has claimed and not finished. */
  deliveries: number;
  /** Channel queues `owner` holds. */
  channels: number;
  /** Since when the longest-waiting due planned delivery has been due (planned, or its retry time); null when none waits. */
  oldestDueAt: string | null;
}

export interface ThreadRecord {
  channelId: number;
  paperId: string;
  messageId: string;
  /** The thread's own id where the platform has one (Discord thread channel), else the message id. */
  threadId: string;
  createdAt: string;
}

export interface ThreadStore {
  record(t: ThreadRecord): Promise<void>;
  /**
   * The paper a thread (or the message that started it) in `channel` is
   * about. Ids are looked up within the channel only: a Slack ts is unique
   * only there, so another channel's post with the same id is never found.
   */
  paperFor(channel: ChannelRef, threadOrMessageId: string): Promise<ThreadRecord | null>;
  /**
   * The papers posted to a channel (sent paper deliveries with their message
   * and thread ids), oldest first; `since` bounds by post time, `limit` keeps
   * the newest that many.
   */
  postedIn(channelId: number, opts?: { since?: string; limit?: number }): Promise<ThreadRecord[]>;
}

export type FeedbackWrite = 'stored' | 'duplicate';

/** Reactions and thread replies on paper posts, one row per platform event identity. */
export interface FeedbackStore {
  /**
   * Store an event once by `eventKey`. A known key is updated only when its
   * `removed` flips (a reaction removed, or added again) by a newer event;
   * anything else is a duplicate.
   */
  record(e: FeedbackEvent): Promise<FeedbackWrite>;
  /** The channel's events, oldest first; `since` bounds by event time. */
  forChannel(channelId: number, opts?: { since?: string }): Promise<FeedbackEvent[]>;
}

/** Per-channel learning and recap settings; a channel never configured has the defaults. */
export interface ChannelSettings {
  channelId: number;
  /** `/papers learn on|off`; on by default. */
  learn: boolean;
  /** `/papers threshold`: drop papers the model puts below it; null keeps all. */
  threshold: number | null;
  /** Null means the default emoji (DEFAULT_EMOJI in src/learn/emoji.ts). */
  positiveEmoji: string[] | null;
  negativeEmoji: string[] | null;
  recapEnabled: boolean;
  /** 0 = Sunday … 6 = Saturday; null means the default day. */
  recapWeekday: number | null;
  /** "HH:MM" in the channel's timezone; null means the default time. */
  recapTime: string | null;
  lastRecapAt: string | null;
}

export type ChannelSettingsPatch = Partial<Omit<ChannelSettings, 'channelId'>>;

export interface ChannelSettingsStore {
  get(channelId: number): Promise<ChannelSettings>;
  /** Change some settings (creating the row), returning them all. */
  update(channelId: number, patch: ChannelSettingsPatch): Promise<ChannelSettings>;
  /** Settings of every channel with the weekly recap on. */
  withRecap(): Promise<ChannelSettings[]>;
}

/** One paper on a person's reading list; lists are per workspace. */
export interface SavedPaper {
  paperId: string;
  savedAt: string;
}

export interface SavedStore {
  /** Put a paper on the list; false when it was already there (its date is kept). */
  save(workspace: Workspace, userId: string, paperId: string, now: string): Promise<boolean>;
  /** Take a paper off the list; false when it was not there. */
  remove(workspace: Workspace, userId: string, paperId: string): Promise<boolean>;
  /** Newest first; `limit` keeps the newest that many. */
  list(workspace: Workspace, userId: string, opts?: { limit?: number }): Promise<SavedPaper[]>;
}

export interface SourceState {
  source: SourceName;
  /** Last day (YYYY-MM-DD) fetched successfully. */
  lastSuccessDay: string | null;
  /** Start of the last fetch that got every day it asked for. */
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  /** Start of the last fetch, whatever came of it. */
  lastAttemptAt: string | null;
  /** Fetches in a row that failed (a partial catch-up included); 0 after a success. */
  failures: number;
}

export interface SourceStateStore {
  get(source: SourceName): Promise<SourceState>;
  all(): Promise<SourceState[]>;
  /** A fetch starts: its cadence is decided from this, so it is written before the source is asked. */
  recordAttempt(source: SourceName, at: string): Promise<void>;
  /** Every day asked for came back: `day` is the last, and the failure count starts again. */
  recordSuccess(source: SourceName, day: string, at: string): Promise<void>;
  /**
   * The fetch failed. `progressDay`, when some days came back before the
   * failure, moves `lastSuccessDay` so the catch-up resumes there; the success
   * time does not move, since the fetch as a whole did not succeed.
   */
  recordFailure(source: SourceName, error: string, at: string, progressDay?: string | null): Promise<void>;
}

/** Where an installation applies: one Slack team (workspace), or, installed org-wide, every team of an enterprise. */
export type InstallScope = 'team' | 'enterprise';

/** Which installation: the platform, its scope and the team or enterprise id. */
export interface InstallKey {
  platform: ChannelRef['platform'];
  scope: InstallScope;
  /** The team id (scope `team`) or the enterprise id (scope `enterprise`). */
  id: string;
}

/** The bot token and, with token rotation, what renews it. Secrets: never logged. */
export interface BotTokens {
  botToken: string;
  /** Token rotation only: what renews `botToken`, and when `botToken` expires (ISO). Both null without rotation. */
  refreshToken: string | null;
  expiresAt: string | null;
}

/** What an install tells (Slack's OAuth answer): stored as it is, until the next install or the uninstall. */
export interface InstallationInput extends BotTokens {
  key: InstallKey;
  /** The team installed in; null for an org-wide install. */
  teamId: string | null;
  /** The enterprise (Enterprise Grid organization), when the team is in one. */
  enterpriseId: string | null;
  botId: string;
  botUserId: string;
  /** The rest of the platform's own record (names, app id, scopes, installing user), without tokens, for its SDK. */
  details: Record<string, unknown>;
}

export interface Installation extends InstallationInput {
  installedAt: string;
  updatedAt: string;
  /** Grows with every change of tokens: a refresh is written only over the version it started from. */
  tokenVersion: number;
}

/** What removing an installation did (an uninstall, revoked tokens). */
export interface InstallationRemoval {
  removed: boolean;
  /** The teams it served: the team, or every team seen in the organization for an org-wide install. */
  teams: string[];
  /** Channels paused in those teams. */
  paused: number;
}

/**
 * The chat apps installed through OAuth (Slack's distributable mode), one row
 * per team or organization, each with its own bot token. Token rotation is
 * serialized here, by compare-and-set on `tokenVersion` with a lease, so that
 * of several workers exactly one renews a token and the others use its result.
 */
export interface InstallationStore {
  /** Store an install; a reinstall replaces the earlier one (new tokens, new version) and clears its token failures. */
  save(input: InstallationInput, now: string): Promise<Installation>;
  get(key: InstallKey): Promise<Installation | null>;
  /**
   * The installation serving a team: its own, else its organization's
   * org-wide one, found by `enterpriseId` or by the team's recorded link.
   */
  forTeam(platform: ChannelRef['platform'], teamId: string, enterpriseId: string | null): Promise<Installation | null>;
  /** Record that a team belongs to an organization (seen in its requests), so deliveries to it find an org-wide install. */
  linkTeam(platform: ChannelRef['platform'], teamId: string, enterpriseId: string, now: string): Promise<void>;
  /**
   * Drop the tokens (uninstalled, or revoked) and pause, in one transaction,
   * every channel of the teams the installation served with `reason`, their
   * queued deliveries kept as setPaused keeps them. An uninstall is no token
   * failure: any recorded for those teams is cleared.
   */
  remove(key: InstallKey, reason: string, now: string): Promise<InstallationRemoval>;
  /**
   * Take the right to renew the token of version `version`: true for exactly
   * one caller while the version stands and no other claim younger than
   * `leaseMs` holds it.
   */
  claimRefresh(key: InstallKey, version: number, owner: string, now: string, leaseMs: number): Promise<boolean>;
  /** Write renewed tokens if `owner` still holds the claim on `version`; the new installation, or null (claim lost). */
  saveRefreshed(key: InstallKey, version: number, owner: string, tokens: BotTokens, now: string): Promise<Installation | null>;
  /** Give a claim back without renewing (the renewal failed). */
  releaseRefresh(key: InstallKey, owner: string): Promise<void>;
  count(platform: ChannelRef['platform']): Promise<number>;
}

export interface Stores {
  channels: ChannelStore;
  rules: RuleStore;
  papers: PaperStore;
  deliveries: DeliveryStore;
  threads: ThreadStore;
  sources: SourceStateStore;
  feedback: FeedbackStore;
  settings: ChannelSettingsStore;
  saved: SavedStore;
  installations: InstallationStore;
  /** Cheap round trip for health checks. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
