import type { SavedPaper, SavedStore } from '../types.js';
import { changes, type Pool, rows } from './pool.js';

export function createSavedStore(pool: Pool): SavedStore {
  return {
    async save(w, userId, paperId, now) {
      return (
        (await changes(
          pool,
          `INSERT INTO saved_papers (platform, workspace_id, user_id, paper_id, saved_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (platform, workspace_id, user_id, paper_id) DO NOTHING`,
          [w.platform, w.workspaceId, userId, paperId, now],
        )) === 1
      );
    },
    async remove(w, userId, paperId) {
      return (
        (await changes(pool, 'DELETE FROM saved_papers WHERE platform = $1 AND workspace_id = $2 AND user_id = $3 AND paper_id = $4', [
          w.platform,
          w.workspaceId,
          userId,
          paperId,
        ])) === 1
      );
    },
    async list(w, userId, opts = {}) {
      // Ties on the time (two saves in one millisecond) fall back to the id, so the order is stable.
      const found = await rows<{ paper_id: string; saved_at: string }>(
        pool,
        `SELECT paper_id, saved_at FROM saved_papers WHERE platform = $1 AND workspace_id = $2 AND user_id = $3
         ORDER BY saved_at DESC, paper_id DESC LIMIT $4`,
        [w.platform, w.workspaceId, userId, opts.limit ?? null],
      );
      return found.map((r): SavedPaper => ({ paperId: r.paper_id, savedAt: r.saved_at }));
    },
  };
}
