import { randomBytes } from 'node:crypto';

/** The Slack app as registered with Slack: what the consent page and oauth.v2.access check. */
export interface FakeOAuthApp {
  clientId: string;
  clientSecret: string;
  /** The app's registered redirect URLs (the manifest's oauth_config.redirect_urls); the first is the default. */
  redirectUrls: string[];
  appId?: string;
  /** Token rotation on: access tokens expire and come with a refresh token. */
  tokenRotation?: boolean;
  /** Lifetime of an access token with rotation on; Slack's is 12 hours. */
  tokenLifetimeS?: number;
}

export interface FakeTeam {
  id: string;
  name: string;
  /** The Enterprise Grid organization the team belongs to. */
  enterpriseId: string | null;
  /** The app's bot user in this team (Slack gives each workspace its own). */
  botUserId: string;
  botId: string;
}

/** One install's bot token, as Slack knows it. */
export interface Grant {
  token: string;
  /** An org-wide install acts in every team of its enterprise. */
  scope: 'team' | 'enterprise';
  /** The team, or the enterprise for an org-wide install. */
  scopeId: string;
  enterpriseId: string | null;
  botUserId: string;
  botId: string;
  /** Ms since the epoch; null without rotation. */
  expiresAt: number | null;
  revoked: boolean;
}

interface Code {
  scope: 'team' | 'enterprise';
  scopeId: string;
  scopes: string;
  /** The redirect_uri the authorize request named, which oauth.v2.access must repeat; null when none was named. */
  redirectUri: string | null;
  issuedAt: number;
  used: boolean;
}

const CODE_LIFETIME_MS = 10 * 60_000;
const DEFAULT_LIFETIME_S = 12 * 3600;

export type Identity = { grant: Grant } | { error: string };

const random = (n = 12) => randomBytes(n).toString('hex');

/**
 * Slack's side of the distributable app: workspaces (teams) and
 * organizations, the consent page that hands out codes, oauth.v2.access
 * (code exchange and token rotation) and every token's standing. As strict
 * as Slack: a code works once, within 10 minutes, with the redirect_uri it
 * was issued for; a refresh token works once; an uninstalled app's tokens
 * answer token_revoked, an expired one token_expired, an unknown one
 * invalid_auth; a token acts only in its own team (or its organization's).
 */
export class SlackWorkspaces {
  app: FakeOAuthApp | null = null;
  private readonly teams = new Map<string, FakeTeam>();
  private readonly grants = new Map<string, Grant>();
  /** Refresh token → the install it renews; deleted once used. */
  private readonly refreshTokens = new Map<string, { scope: Grant['scope']; scopeId: string }>();
  private readonly codes = new Map<string, Code>();
  /** The installs still in place, by `${scope}:${scopeId}`. */
  private readonly installed = new Set<string>();
  /** Every oauth.v2.access call that renewed a token, in order. */
  readonly refreshed: { scopeId: string; at: number }[] = [];
  constructor(private readonly now: () => number) {}

  addTeam(team: { id: string; name?: string; enterpriseId?: string | null }): FakeTeam {
    const known = this.teams.get(team.id);
    if (known) return known;
    const added: FakeTeam = {
      id: team.id,
      name: team.name ?? `Team ${team.id}`,
      enterpriseId: team.enterpriseId ?? null,
      botUserId: `UB${team.id}`,
      botId: `BB${team.id}`,
    };
    this.teams.set(team.id, added);
    return added;
  }

  team(id: string): FakeTeam | undefined {
    return this.teams.get(id);
  }

  /** The consent page: the person approves the app for a team (`fake_team`), or org-wide for an enterprise (`fake_org`). */
  authorize(url: URL): { status: number; location?: string; body?: string } {
    const q = url.searchParams;
    const app = this.app;
    if (!app || q.get('client_id') !== app.clientId) return { status: 400, body: 'invalid_client_id' };
    const scopes = q.get('scope') ?? '';
    if (!scopes) return { status: 400, body: 'invalid_scope' };
    const named = q.get('redirect_uri');
    if (named !== null && !app.redirectUrls.some((r) => named.startsWith(r))) return { status: 400, body: 'bad_redirect_uri' };
    const redirect = named ?? app.redirectUrls[0];
    if (!redirect) return { status: 400, body: 'no redirect URL registered' };
    const org = q.get('fake_org');
    const teamId = q.get('fake_team');
    let code: Code;
    if (org) {
      code = { scope: 'enterprise', scopeId: org, scopes, redirectUri: named, issuedAt: this.now(), used: false };
    } else if (teamId && this.teams.has(teamId)) {
      code = { scope: 'team', scopeId: teamId, scopes, redirectUri: named, issuedAt: this.now(), used: false };
    } else {
      return { status: 400, body: 'no such team' };
    }
    // Shaped like Slack's: two numbers and a long hex tail.
    const value = `${1000000000 + this.codes.size}.${this.now()}.${random(32)}`;
    this.codes.set(value, code);
    const to = new URL(redirect);
    to.searchParams.set('code', value);
    const state = q.get('state');
    if (state !== null) to.searchParams.set('state', state);
    return { status: 302, location: to.toString() };
  }

  /** oauth.v2.access: a code for tokens, or (grant_type=refresh_token) a refresh token for new ones. */
  access(body: Record<string, unknown>, authorization: string | undefined): Record<string, unknown> {
    const app = this.app;
    if (!app) return { ok: false, error: 'invalid_client_id' };
    let clientId = typeof body.client_id === 'string' ? body.client_id : undefined;
    let secret = typeof body.client_secret === 'string' ? body.client_secret : undefined;
    if (authorization?.startsWith('Basic ')) {
      const [id, s] = Buffer.from(authorization.slice(6), 'base64').toString().split(':');
      clientId = id;
      secret = s;
    }
    if (clientId !== app.clientId) return { ok: false, error: 'invalid_client_id' };
    if (secret !== app.clientSecret) return { ok: false, error: 'bad_client_secret' };
    if (body.grant_type === 'refresh_token') return this.renew(typeof body.refresh_token === 'string' ? body.refresh_token : '');
    const code = this.codes.get(typeof body.code === 'string' ? body.code : '');
    if (!code || code.used || this.now() - code.issuedAt > CODE_LIFETIME_MS) return { ok: false, error: 'invalid_code' };
    const sentUri = typeof body.redirect_uri === 'string' ? body.redirect_uri : null;
    if (code.redirectUri !== null && sentUri !== code.redirectUri) return { ok: false, error: 'bad_redirect_uri' };
    code.used = true;
    const grant = this.issue(code.scope, code.scopeId);
    this.installed.add(`${code.scope}:${code.scopeId}`);
    const team = code.scope === 'team' ? this.teams.get(code.scopeId) : undefined;
    const enterpriseId = code.scope === 'enterprise' ? code.scopeId : (team?.enterpriseId ?? null);
    return {
      ok: true,
      access_token: grant.token,
      token_type: 'bot',
      scope: code.scopes,
      bot_user_id: grant.botUserId,
      app_id: app.appId ?? 'AFAKEAPP',
      team: team ? { id: team.id, name: team.name } : null,
      enterprise: enterpriseId ? { id: enterpriseId, name: `Org ${enterpriseId}` } : null,
      authed_user: { id: 'UINSTALLER' },
      is_enterprise_install: code.scope === 'enterprise',
      ...this.rotation(grant),
    };
  }

  /** Who a Web API token is, or the error Slack answers it with. */
  identify(token: string | null): Identity {
    if (!token) return { error: 'not_authed' };
    const grant = this.grants.get(token);
    if (!grant) return { error: 'invalid_auth' };
    if (grant.revoked) return { error: 'token_revoked' };
    if (grant.expiresAt !== null && this.now() >= grant.expiresAt) return { error: 'token_expired' };
    return { grant };
  }

  /** Whether a token may act in `teamId`: its own team, or any team of its organization. */
  covers(grant: Grant, teamId: string): boolean {
    if (grant.scope === 'team') return grant.scopeId === teamId;
    return this.teams.get(teamId)?.enterpriseId === grant.scopeId;
  }

  /** The app is removed from a team (or an organization): its tokens answer token_revoked from now on. */
  uninstall(scopeId: string): void {
    this.revokeBot(scopeId);
    for (const scope of ['team', 'enterprise']) this.installed.delete(`${scope}:${scopeId}`);
    for (const [refresh, of] of this.refreshTokens) if (of.scopeId === scopeId) this.refreshTokens.delete(refresh);
  }

  /** An admin revokes the bot token (tokens_revoked), the app staying installed. */
  revokeBot(scopeId: string): void {
    for (const g of this.grants.values()) if (g.scopeId === scopeId) g.revoked = true;
  }

  /** The newest live token of a team or organization (what the app should be using). */
  tokenOf(scopeId: string): string | undefined {
    return [...this.grants.values()].filter((g) => g.scopeId === scopeId && !g.revoked).at(-1)?.token;
  }

  /** Every token ever issued for a team or organization, oldest first. */
  tokensOf(scopeId: string): string[] {
    return [...this.grants.values()].filter((g) => g.scopeId === scopeId).map((g) => g.token);
  }

  private issue(scope: Grant['scope'], scopeId: string): Grant {
    const team = scope === 'team' ? this.teams.get(scopeId) : undefined;
    const lifetime = this.app?.tokenRotation ? (this.app.tokenLifetimeS ?? DEFAULT_LIFETIME_S) : null;
    const grant: Grant = {
      // Rotating tokens look like Slack's (xoxe.xoxb-…), others like a plain bot token.
      token: `${lifetime !== null ? 'xoxe.' : ''}xoxb-${scopeId}-${random(8)}`,
      scope,
      scopeId,
      enterpriseId: scope === 'enterprise' ? scopeId : (team?.enterpriseId ?? null),
      botUserId: team?.botUserId ?? `UB${scopeId}`,
      botId: team?.botId ?? `BB${scopeId}`,
      expiresAt: lifetime !== null ? this.now() + lifetime * 1000 : null,
      revoked: false,
    };
    this.grants.set(grant.token, grant);
    return grant;
  }

  private rotation(grant: Grant): Record<string, unknown> {
    if (grant.expiresAt === null) return {};
    const refresh = `xoxe-1-${random()}`;
    this.refreshTokens.set(refresh, { scope: grant.scope, scopeId: grant.scopeId });
    return { refresh_token: refresh, expires_in: Math.round((grant.expiresAt - this.now()) / 1000) };
  }

  /** A refresh token is good once: Slack revokes it as it hands out the next. The old access token lives until it expires. */
  private renew(refreshToken: string): Record<string, unknown> {
    const of = this.refreshTokens.get(refreshToken);
    if (!of || !this.installed.has(`${of.scope}:${of.scopeId}`)) return { ok: false, error: 'invalid_refresh_token' };
    this.refreshTokens.delete(refreshToken);
    const grant = this.issue(of.scope, of.scopeId);
    this.refreshed.push({ scopeId: of.scopeId, at: this.now() });
    const team = of.scope === 'team' ? this.teams.get(of.scopeId) : undefined;
    return {
      ok: true,
      access_token: grant.token,
      token_type: 'bot',
      scope: 'chat:write',
      bot_user_id: grant.botUserId,
      app_id: this.app?.appId ?? 'AFAKEAPP',
      team: team ? { id: team.id, name: team.name } : null,
      enterprise: grant.enterpriseId ? { id: grant.enterpriseId } : null,
      is_enterprise_install: of.scope === 'enterprise',
      ...this.rotation(grant),
    };
  }
}
