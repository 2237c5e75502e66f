import { isDeepStrictEqual } from 'node:util';
import type Database from 'better-sqlite3';
import { dedupePapers, mergePapers } from '../../papers/merge.js';
import type { Paper, StoredPaper } from '../../papers/paper.js';
import type { PaperStore } from '../types.js';
import { paperParams, toStoredPaper, type PaperRow } from './paper-rows.js';

const COLUMNS = [
  'id',
  'version',
  'title',
  'abstract',
  'authors_json',
  'published_at',
  'hf_date',
  'upvotes',
  'ai_summary',
  'ai_keywords_json',
  'code_url',
  'project_url',
  'num_comments',
  'categories_json',
  'sources_json',
  'first_seen_at',
  'updated_at',
] as const;

function withoutFirstSeen({ firstSeenAt: _seen, ...paper }: StoredPaper): Paper {
  return paper;
}

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
      const old = withoutFirstSeen(toStoredPaper(row));
      const merged = mergePapers(old, paper);
      updated += 1;
      // Most re-fetches change nothing; skip the write, not the count.
      if (!isDeepStrictEqual(merged, old)) update.run(paperParams(merged, row.first_seen_at, now));
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
    async datedOn(day) {
      return dated.all(day, day).map(toStoredPaper);
    },
    async count() {
      return count.get() as number;
    },
  };
}
