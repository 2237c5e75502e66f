import type Database from 'better-sqlite3';
import type { SavedPaper, SavedStore } from '../types.js';

interface SavedRow {
  paper_id: string;
  saved_at: string;
}

export function createSavedStore(db: Database.Database): SavedStore {
  const insert = db.prepare(
    `INSERT INTO saved_papers (platform, workspace_id, user_id, paper_id, saved_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (platform, workspace_id, user_id, paper_id) DO NOTHING`,
  );
  const remove = db.prepare('DELETE FROM saved_papers WHERE platform = ? AND workspace_id = ? AND user_id = ? AND paper_id = ?');
  // Ties on the time (two saves in one millisecond) fall back to the id, so the order is stable.
  const list = db.prepare<[string, string, string, number], SavedRow>(
    `SELECT paper_id, saved_at FROM saved_papers WHERE platform = ? AND workspace_id = ? AND user_id = ?
     ORDER BY saved_at DESC, paper_id DESC LIMIT ?`,
  );
  const toSaved = (row: SavedRow): SavedPaper => ({ paperId: row.paper_id, savedAt: row.saved_at });
  return {
    async save(w, userId, paperId, now) {
      return insert.run(w.platform, w.workspaceId, userId, paperId, now).changes === 1;
    },
    async remove(w, userId, paperId) {
      return remove.run(w.platform, w.workspaceId, userId, paperId).changes === 1;
    },
    async list(w, userId, opts = {}) {
      return list.all(w.platform, w.workspaceId, userId, opts.limit ?? -1).map(toSaved);
    },
  };
}
