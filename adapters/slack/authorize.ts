import type { Authorize, AuthorizeResult } from '@slack/bolt';
import type { SlackTokens } from './tokens.js';

/**
 * Bolt's authorize for the installable app: each request's team (or, for an
 * org-wide install, its organization) gets its own installation's token, so
 * every reply, form, file and lookup a listener makes goes out with it. A
 * team seen through its organization's install is remembered for deliveries.
 */
export function installedAuthorize(tokens: SlackTokens, knownBot?: (userId: string) => void): Authorize<boolean> {
  return async ({ teamId, enterpriseId, isEnterpriseInstall }): Promise<AuthorizeResult> => {
    const found =
      isEnterpriseInstall && enterpriseId ? await tokens.forEnterprise(enterpriseId) : teamId ? await tokens.forTeam(teamId, enterpriseId ?? null) : null;
    if (!found) throw new Error(`Paperboy is not installed in Slack ${teamId ? `team ${teamId}` : `organization ${enterpriseId ?? '(none named)'}`}`);
    if (found.key.scope === 'enterprise' && teamId) await tokens.link(teamId, found.key.id);
    // Its reactions and replies are the bot's own, not feedback.
    knownBot?.(found.botUserId);
    return {
      botToken: found.botToken,
      botId: found.botId,
      botUserId: found.botUserId,
      ...(teamId ? { teamId } : {}),
      ...(enterpriseId ? { enterpriseId } : {}),
    };
  };
}
