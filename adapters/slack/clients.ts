import type { WebClient } from '@slack/web-api';
import { ChatError } from '../../src/chat/port.js';
import type { SlackTokens } from './tokens.js';

/** The Web API client to use for one workspace: the bot token's, or in the installable app that workspace's own. */
export type ClientFor = (teamId: string) => Promise<WebClient>;

/** Asked of a workspace with no installation: its channels pause until someone installs the app again. */
export const NOT_INSTALLED_REASON =
  'Paperboy is not installed in this Slack workspace (it was removed): install it again from /slack/install, then run /papers resume';

/** Clients kept per token; a workspace's client changes when its token is renewed. */
const MAX_CLIENTS = 10_000;

/**
 * A client per installed workspace, carrying its token (renewed first when it
 * expires within 2 hours). A workspace with no installation is a token
 * failure: ChatError('token') for its whole workspace.
 */
export function installedClients(tokens: SlackTokens, make: (token: string) => WebClient): ClientFor {
  const byToken = new Map<string, WebClient>();
  return async (teamId) => {
    const installation = await tokens.forTeam(teamId);
    if (!installation) throw new ChatError('token', NOT_INSTALLED_REASON, { code: 'not_installed', scope: 'workspace' });
    let client = byToken.get(installation.botToken);
    if (client) {
      byToken.delete(installation.botToken);
    } else {
      client = make(installation.botToken);
      while (byToken.size >= MAX_CLIENTS) byToken.delete(byToken.keys().next().value ?? '');
    }
    byToken.set(installation.botToken, client);
    return client;
  };
}
