import type { WebClientOptions } from '@slack/web-api';
import {
  InstallProvider,
  type Installation as SlackInstallation,
  type InstallationQuery,
  type InstallationStore as SlackInstallationStore,
} from '@slack/oauth';
import type { Logger } from 'pino';
import type { HttpRoutes } from '../../src/http/routes.js';
import type { Installation, InstallationInput, InstallationStore, InstallKey } from '../../src/store/types.js';
import { normalizeApiUrl } from './client.js';
import { BOT_SCOPES } from './scopes.js';
import { slackLogger } from './slack-logger.js';

export const SLACK_INSTALL_PATH = '/slack/install';
export const SLACK_REDIRECT_PATH = '/slack/oauth_redirect';

export interface InstallRoutesOptions {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  /** SLACK_API_URL: the consent page is on the same host (…/oauth/v2/authorize), so a test's fake serves both. */
  apiUrl?: string;
  clientOptions: WebClientOptions;
  store: InstallationStore;
  now: () => Date;
  logger: Logger;
}

/** Slack's consent page, beside its Web API: https://slack.com/oauth/v2/authorize for https://slack.com/api/. */
export function authorizeUrlFor(apiUrl: string | undefined): string {
  return new URL('../oauth/v2/authorize', normalizeApiUrl(apiUrl ?? 'https://slack.com/api/')).toString();
}

const where = (key: InstallKey) => (key.scope === 'team' ? { team: key.id } : { enterprise: key.id });

/** The install as Paperboy stores it: tokens in their columns, the rest (never a token) as details. */
export function fromSlackInstallation(i: SlackInstallation): InstallationInput {
  if (!i.bot) throw new Error('the install gave no bot token (the app asks for bot scopes only)');
  const org = i.isEnterpriseInstall === true;
  const id = org ? i.enterprise?.id : i.team?.id;
  if (!id) throw new Error(org ? 'an org-wide install named no enterprise' : 'an install named no team');
  return {
    key: { platform: 'slack', scope: org ? 'enterprise' : 'team', id },
    teamId: i.team?.id ?? null,
    enterpriseId: i.enterprise?.id ?? null,
    botToken: i.bot.token,
    botId: i.bot.id,
    botUserId: i.bot.userId,
    refreshToken: i.bot.refreshToken ?? null,
    expiresAt: i.bot.expiresAt !== undefined ? new Date(i.bot.expiresAt * 1000).toISOString() : null,
    details: {
      ...(i.team ? { team: i.team } : {}),
      ...(i.enterprise ? { enterprise: i.enterprise } : {}),
      ...(i.enterpriseUrl ? { enterpriseUrl: i.enterpriseUrl } : {}),
      ...(i.appId ? { appId: i.appId } : {}),
      scopes: i.bot.scopes,
      installerUserId: i.user.id,
      isEnterpriseInstall: org,
    },
  };
}

const named = (v: unknown): { id: string; name?: string } | undefined =>
  typeof v === 'object' && v !== null && 'id' in v && typeof v.id === 'string'
    ? { id: v.id, ...('name' in v && typeof v.name === 'string' ? { name: v.name } : {}) }
    : undefined;

/** The stored install in the SDK's shape (for its fetchInstallation). */
export function toSlackInstallation(i: Installation): SlackInstallation<'v2', boolean> {
  const d = i.details;
  const scopes = Array.isArray(d.scopes) ? d.scopes.filter((s): s is string => typeof s === 'string') : [];
  return {
    team: i.teamId ? (named(d.team) ?? { id: i.teamId }) : undefined,
    enterprise: i.enterpriseId ? (named(d.enterprise) ?? { id: i.enterpriseId }) : undefined,
    user: { id: typeof d.installerUserId === 'string' ? d.installerUserId : '', token: undefined, scopes: undefined },
    bot: {
      token: i.botToken,
      id: i.botId,
      userId: i.botUserId,
      scopes,
      ...(i.refreshToken ? { refreshToken: i.refreshToken } : {}),
      ...(i.expiresAt ? { expiresAt: Math.floor(Date.parse(i.expiresAt) / 1000) } : {}),
    },
    ...(typeof d.appId === 'string' ? { appId: d.appId } : {}),
    ...(typeof d.enterpriseUrl === 'string' ? { enterpriseUrl: d.enterpriseUrl } : {}),
    tokenType: 'bot',
    isEnterpriseInstall: i.key.scope === 'enterprise',
    authVersion: 'v2',
  } as SlackInstallation<'v2', boolean>;
}

const keyOf = (q: InstallationQuery<boolean>): InstallKey | null => {
  if (q.isEnterpriseInstall && q.enterpriseId) return { platform: 'slack', scope: 'enterprise', id: q.enterpriseId };
  return q.teamId ? { platform: 'slack', scope: 'team', id: q.teamId } : null;
};

/** Paperboy's installations table behind the SDK's InstallationStore: what the OAuth callback stores lands in the database. */
export function slackInstallationStore(deps: Pick<InstallRoutesOptions, 'store' | 'now' | 'logger'>): SlackInstallationStore {
  const log = deps.logger.child({ platform: 'slack', component: 'install' });
  return {
    async storeInstallation(installation) {
      const saved = await deps.store.save(fromSlackInstallation(installation), deps.now().toISOString());
      log.info({ ...where(saved.key), rotation: saved.refreshToken !== null }, 'Paperboy was installed in a Slack workspace');
    },
    async fetchInstallation(query) {
      const key = keyOf(query);
      const found = key?.scope === 'team' ? await deps.store.forTeam('slack', key.id, query.enterpriseId ?? null) : key ? await deps.store.get(key) : null;
      if (!found) throw new Error(`no installation for ${query.teamId ?? query.enterpriseId ?? 'an unnamed workspace'}`);
      return toSlackInstallation(found);
    },
    async deleteInstallation(query) {
      const key = keyOf(query);
      if (key) await deps.store.remove(key, 'Paperboy was uninstalled from this Slack workspace', deps.now().toISOString());
    },
  };
}

/**
 * GET /slack/install sends the browser to Slack's consent page (a state
 * cookie set, the state signed with SLACK_STATE_SECRET); GET
 * /slack/oauth_redirect checks the state against that cookie, exchanges the
 * code (oauth.v2.access) and stores the installation. Both are the SDK's
 * InstallProvider on the app's one HTTP server.
 */
export function addInstallRoutes(routes: HttpRoutes, opts: InstallRoutesOptions): InstallProvider {
  const installer = new InstallProvider({
    clientId: opts.clientId,
    clientSecret: opts.clientSecret,
    stateSecret: opts.stateSecret,
    installationStore: slackInstallationStore(opts),
    installUrlOptions: { scopes: [...BOT_SCOPES] },
    // Straight to Slack's consent page: the install link is the whole landing page.
    directInstall: true,
    authorizationUrl: authorizeUrlFor(opts.apiUrl),
    logger: slackLogger(opts.logger),
    clientOptions: opts.clientOptions,
  });
  routes.add('GET', SLACK_INSTALL_PATH, (req, res) => installer.handleInstallPath(req, res));
  routes.add('GET', SLACK_REDIRECT_PATH, (req, res) => installer.handleCallback(req, res));
  return installer;
}
