import type Database from 'better-sqlite3';
import { dedupePapers } from '../../papers/merge.js';
import type { Paper } from '../../papers/paper.js';
import type { PaperStore } from '../types.js';
import { mergeIntoRow, PAPER_COLUMNS as COLUMNS, paperParams, toStoredPaper, type PaperRow } from '../rows/paper.js';

export function createPaperStore(db: Database.Database): PaperStore {
  const byId = db.prepare<[string], PaperRow>('SELECT * FROM papers WHERE id = ?');
  const insert = db.prepare<[PaperRow]>(`INSERT INTO papers (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`);
  // first_seen_at is deliberately absent: a paper keeps the time it was first seen.
  const update = db.prepare<[PaperRow]>(
    `UPDATE papers SET ${COLUMNS.filter((c) => c !== 'id' && c !== 'first_seen_at')
      .map((c) => `${c} = @${c}`)
      .join(', ')} WHERE id = @id`,
  );
  const between = db.prepare<[string, string], PaperRow>('SELECT * FROM papers WHERE first_seen_at >= ? AND first_seen_at < ? ORDER BY first_seen_at, id');
  const page = db.prepare<{ from: string; at: string; id: string; limit: number }, PaperRow>(
    `SELECT * FROM papers WHERE first_seen_at >= @from AND (first_seen_at > @at OR (first_seen_at = @at AND id > @id))
     ORDER BY first_seen_at, id LIMIT @limit`,
  );
  const count = db.prepare('SELECT count(*) FROM papers').pluck();
  const dated = db.prepare<[string, string], PaperRow>(
    'SELECT * FROM papers WHERE hf_date = ? OR (hf_date IS NULL AND substr(published_at, 1, 10) = ?) ORDER BY id',
  );

  const upsert = db.transaction((papers: readonly Paper[], now: string) => {
    let added = 0;
    let updated = 0;
    for (const paper of dedupePapers(papers)) {
      const row = byId.get(paper.id);
      if (!row) {
        insert.run(paperParams(paper, now, now));
        added += 1;
        continue;
      }
      updated += 1;
      // Most re-fetches change nothing; skip the write, not the count.
      const merged = mergeIntoRow(row, paper, now);
      if (merged) update.run(merged);
    }
    return { added, updated };
  });

  return {
    async upsertMany(papers, now) {
      return upsert.immediate(papers, now);
    },
    async get(id) {
      const row = byId.get(id);
      return row ? toStoredPaper(row) : null;
    },
    async firstSeenBetween(from, to) {
      return between.all(from, to).map(toStoredPaper);
    },
    async firstSeenPage(from, after, limit) {
      return page.all({ from, at: after?.firstSeenAt ?? '', id: after?.id ?? '', limit }).map(toStoredPaper);
    },
    async datedOn(day) {
      return dated.all(day, day).map(toStoredPaper);
    },
    async count() {
      return count.get() as number;
    },
  };
}
