import type { App, Context } from '@slack/bolt';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { InstallationStore, InstallKey } from '../../src/store/types.js';

/** What `/papers list` shows in a channel paused by an uninstall, and what to do. */
export const UNINSTALLED_REASON = 'Paperboy was uninstalled from this Slack workspace: install it again from /slack/install, then run /papers resume';
export const REVOKED_REASON = "this workspace's Slack bot token was revoked: install Paperboy again from /slack/install, then run /papers resume";

const revoked = z.object({ tokens: z.object({ bot: z.array(z.string()).optional(), oauth: z.array(z.string()).optional() }) });

function keyOf(context: Context): InstallKey | null {
  if (context.isEnterpriseInstall && context.enterpriseId) return { platform: 'slack', scope: 'enterprise', id: context.enterpriseId };
  return context.teamId ? { platform: 'slack', scope: 'team', id: context.teamId } : null;
}

/**
 * `app_uninstalled` and `tokens_revoked` (bot token): the workspace's tokens
 * are deleted and its channels paused with a reason `/papers list` shows.
 * Bolt delivers both without authorizing them (there is no token left).
 */
export function registerUninstallListeners(app: App, deps: { store: InstallationStore; now: () => Date; logger: Logger }): void {
  const log = deps.logger.child({ platform: 'slack', component: 'install' });

  async function remove(context: Context, reason: string, what: string): Promise<void> {
    const key = keyOf(context);
    if (!key) {
      log.warn({ event: what }, 'a Slack event named no team or organization; nothing removed');
      return;
    }
    const out = await deps.store.remove(key, reason, deps.now().toISOString());
    const where = key.scope === 'team' ? { team: key.id } : { enterprise: key.id, teams: out.teams.length };
    log.info({ ...where, event: what, removed: out.removed, channelsPaused: out.paused }, 'Slack workspace token deleted; its channels are paused');
  }

  app.event('app_uninstalled', async ({ context }) => remove(context, UNINSTALLED_REASON, 'app_uninstalled'));
  app.event('tokens_revoked', async ({ event, context }) => {
    const parsed = revoked.safeParse(event);
    // Only the bot's token matters: Paperboy asks for no user token and keeps none.
    if (!parsed.success || !parsed.data.tokens.bot?.length) return;
    await remove(context, REVOKED_REASON, 'tokens_revoked');
  });
}
