import type { Workspace } from '../store/types.js';
import type { StoredPaper } from '../papers/paper.js';
import type { CommandDeps } from './deps.js';
import type { CommandContext } from './types.js';

/** Reading lists are per person and per workspace (Slack team, Discord guild). */
export function workspaceOf(ctx: Pick<CommandContext, 'channel'>): Workspace {
  return { platform: ctx.channel.platform, workspaceId: ctx.channel.workspaceId };
}

/** The person's saved papers that are still stored, newest first, with when each was saved. */
export async function savedPapers(
  deps: Pick<CommandDeps, 'stores'>,
  workspace: Workspace,
  userId: string,
  limit?: number,
): Promise<{ paper: StoredPaper; savedAt: string }[]> {
  const saved = await deps.stores.saved.list(workspace, userId, limit === undefined ? {} : { limit });
  const out: { paper: StoredPaper; savedAt: string }[] = [];
  for (const s of saved) {
    const paper = await deps.stores.papers.get(s.paperId);
    if (paper) out.push({ paper, savedAt: s.savedAt });
  }
  return out;
}
