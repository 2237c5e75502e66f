import type { Logger } from 'pino';
import { ChatError } from '../../src/chat/port.js';
import type { Installation, InstallationStore, InstallKey } from '../../src/store/types.js';
import { sleep as realSleep } from '../../src/util/limit.js';
import { slackErrorCode } from './errors.js';

/** Slack's (and Bolt's) rule: a token that expires within 2 hours is renewed before it is used. */
export const RENEW_WITHIN_MS = 2 * 3600_000;
/** A renewal claim lapses after this: a worker that died mid-renewal does not hold the token up for longer. */
const LEASE_MS = 30_000;
/** How long a caller waits for another worker's renewal before it uses the old token (while it lasts). */
const WAIT_MS = 15_000;
const POLL_MS = 200;
/** After a failed renewal, the old token is used (while it lasts) for this long before the next try. */
const RETRY_AFTER_FAILURE_MS = 60_000;
/** Answers to a renewal that no retry will change: the install must be redone. */
const RENEWAL_REFUSED = new Set(['invalid_refresh_token', 'invalid_client_id', 'bad_client_secret', 'invalid_grant_type', 'token_revoked']);

/** What oauth.v2.access (grant_type=refresh_token) gives back. */
export interface Renewal {
  botToken: string;
  refreshToken: string;
  expiresInS: number;
}

export interface SlackTokensOptions {
  store: InstallationStore;
  /** One oauth.v2.access call with grant_type=refresh_token. */
  renew: (refreshToken: string) => Promise<Renewal>;
  /** Unique per process (and per instance): who holds a renewal claim. */
  owner: string;
  now: () => number;
  logger: Logger;
  sleep?: (ms: number) => Promise<void>;
  leaseMs?: number;
  waitMs?: number;
  pollMs?: number;
}

const keyText = (key: InstallKey): string => `${key.platform}:${key.scope}:${key.id}`;
const where = (key: InstallKey) => (key.scope === 'team' ? { team: key.id } : { enterprise: key.id });

/**
 * Every workspace's bot token, from the installations store, renewed first
 * when it expires within 2 hours. Of several workers, one renews: the claim is
 * a compare-and-set in the database (a lease, so a dead worker's claim lapses),
 * the others wait for its new token and use that. Within a process, callers of
 * one workspace share the one renewal in flight.
 */
export class SlackTokens {
  private readonly renewing = new Map<string, Promise<Installation | null>>();
  private readonly failedAt = new Map<string, number>();
  private readonly linked = new Set<string>();
  private readonly log: Logger;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly opts: SlackTokensOptions) {
    this.log = opts.logger.child({ platform: 'slack', component: 'tokens' });
    this.sleep = opts.sleep ?? realSleep;
  }

  /** The installation serving a team (its own, or its organization's), its token good for 2 hours more; null when not installed. */
  async forTeam(teamId: string, enterpriseId: string | null = null): Promise<Installation | null> {
    const found = await this.opts.store.forTeam('slack', teamId, enterpriseId);
    return found ? this.fresh(found) : null;
  }

  /** An organization's org-wide installation, likewise. */
  async forEnterprise(enterpriseId: string): Promise<Installation | null> {
    const found = await this.opts.store.get({ platform: 'slack', scope: 'enterprise', id: enterpriseId });
    return found ? this.fresh(found) : null;
  }

  /** Remember, once per process, that a team is in an organization, so its deliveries find the org-wide install. */
  async link(teamId: string, enterpriseId: string): Promise<void> {
    const k = `${teamId}:${enterpriseId}`;
    if (this.linked.has(k)) return;
    await this.opts.store.linkTeam('slack', teamId, enterpriseId, new Date(this.opts.now()).toISOString());
    this.linked.add(k);
  }

  private expiresSoon(i: Installation): boolean {
    return i.expiresAt !== null && Date.parse(i.expiresAt) - this.opts.now() <= RENEW_WITHIN_MS;
  }

  private expired(i: Installation): boolean {
    return i.expiresAt !== null && Date.parse(i.expiresAt) <= this.opts.now();
  }

  private fresh(found: Installation): Promise<Installation | null> {
    if (!this.expiresSoon(found) || !found.refreshToken) return Promise.resolve(found);
    const k = keyText(found.key);
    const failed = this.failedAt.get(k);
    if (failed !== undefined && this.opts.now() - failed < RETRY_AFTER_FAILURE_MS && !this.expired(found)) return Promise.resolve(found);
    let inFlight = this.renewing.get(k);
    if (!inFlight) {
      inFlight = this.renew(found).finally(() => this.renewing.delete(k));
      this.renewing.set(k, inFlight);
    }
    return inFlight;
  }

  /** Renew under the database claim, or wait for the worker that holds it; the installation as it then stands. */
  private async renew(first: Installation): Promise<Installation | null> {
    const { store, owner } = this.opts;
    const deadline = this.opts.now() + (this.opts.waitMs ?? WAIT_MS);
    let current: Installation | null = first;
    while (current?.refreshToken && this.expiresSoon(current)) {
      const now = new Date(this.opts.now()).toISOString();
      if (await store.claimRefresh(current.key, current.tokenVersion, owner, now, this.opts.leaseMs ?? LEASE_MS)) {
        let renewal: Renewal;
        try {
          renewal = await this.opts.renew(current.refreshToken);
        } catch (err) {
          await store.releaseRefresh(current.key, owner);
          return this.afterFailure(current, err);
        }
        const expiresAt = new Date(this.opts.now() + renewal.expiresInS * 1000).toISOString();
        const tokens = { botToken: renewal.botToken, refreshToken: renewal.refreshToken, expiresAt };
        const saved = await store.saveRefreshed(current.key, current.tokenVersion, owner, tokens, new Date(this.opts.now()).toISOString());
        if (saved) {
          this.failedAt.delete(keyText(saved.key));
          this.log.info({ ...where(saved.key), expiresAt }, 'renewed the Slack bot token');
          return saved;
        }
        // The claim lapsed while Slack answered and another worker renewed: theirs is read below.
        this.log.warn(where(current.key), 'renewed a Slack bot token after the claim lapsed; using the one stored');
      } else if (this.opts.now() >= deadline) {
        if (!this.expired(current)) return current;
        // Not a failure of the delivery: it waits, as for a rate limit, and goes again.
        throw new ChatError('rate_limited', 'another Paperboy worker is renewing the Slack token of this workspace', {
          code: 'token_renewing',
          retryAfterMs: this.opts.pollMs ?? POLL_MS,
          scope: 'workspace',
        });
      } else {
        await this.sleep(this.opts.pollMs ?? POLL_MS);
      }
      current = await store.get(current.key);
    }
    return current;
  }

  private afterFailure(current: Installation, err: unknown): Installation {
    const code = slackErrorCode(err);
    this.failedAt.set(keyText(current.key), this.opts.now());
    this.log.warn({ ...where(current.key), error: code ?? (err instanceof Error ? err.message : String(err)) }, 'could not renew the Slack bot token');
    if (!this.expired(current)) return current;
    if (code !== null && RENEWAL_REFUSED.has(code)) {
      throw new ChatError(
        'token',
        `Slack refused to renew this workspace's bot token (${code}): reinstall Paperboy from /slack/install, then run /papers resume`,
        {
          code,
          scope: 'workspace',
          cause: err,
        },
      );
    }
    // Nothing was posted: the delivery waits and tries again, as for a rate limit (a transient failure would make it look for an earlier post).
    throw new ChatError('rate_limited', `could not renew this workspace's Slack bot token: ${code ?? (err instanceof Error ? err.message : String(err))}`, {
      code: code ?? 'network',
      retryAfterMs: RETRY_AFTER_FAILURE_MS,
      scope: 'workspace',
      cause: err,
    });
  }
}
