import { dedupePapers } from '../../papers/merge.js';
import { mergeIntoRow, PAPER_COLUMNS, type PaperRow, paperParams, toStoredPaper } from '../rows/paper.js';
import type { PaperStore } from '../types.js';
import { type Pool, rows, transaction } from './pool.js';

type Column = (typeof PAPER_COLUMNS)[number];
const INTEGER_COLUMNS: ReadonlySet<Column> = new Set(['version', 'upvotes', 'num_comments']);
const arrayType = (c: Column) => (INTEGER_COLUMNS.has(c) ? 'integer[]' : 'text[]');

/** A batch of rows as one array per column, for unnest(): one statement and 17 parameters however many papers. */
function columnArrays(batch: readonly PaperRow[]): unknown[][] {
  return PAPER_COLUMNS.map((c) => batch.map((row) => row[c]));
}
const unnest = `unnest(${PAPER_COLUMNS.map((c, i) => `$${i + 1}::${arrayType(c)}`).join(', ')}) AS u(${PAPER_COLUMNS.join(', ')})`;

// first_seen_at is deliberately absent from the update: a paper keeps the time it was first seen.
const UPDATED = PAPER_COLUMNS.filter((c) => c !== 'id' && c !== 'first_seen_at');

export function createPaperStore(pool: Pool): PaperStore {
  const list = async (sql: string, values: unknown[]) => (await rows<PaperRow>(pool, sql, values)).map(toStoredPaper);
  return {
    async upsertMany(papers, now) {
      // In id order, so two workers storing overlapping batches take their row locks in the same order.
      const batch = dedupePapers(papers).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      if (!batch.length) return { added: 0, updated: 0 };
      return transaction(pool, async (tx) => {
        // New papers go in at once; an id already stored, or being stored by a concurrent batch (waited for), is skipped here.
        const inserted = await rows<{ id: string }>(
          tx,
          `INSERT INTO papers (${PAPER_COLUMNS.join(', ')}) SELECT * FROM ${unnest} ON CONFLICT (id) DO NOTHING RETURNING id`,
          columnArrays(batch.map((p) => paperParams(p, now, now))),
        );
        const added = new Set(inserted.map((r) => r.id));
        const known = batch.filter((p) => !added.has(p.id));
        if (known.length) {
          // Locked while merged, so a concurrent merge of the same paper cannot be lost.
          const stored = await rows<PaperRow>(tx, 'SELECT * FROM papers WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE', [known.map((p) => p.id)]);
          const byId = new Map(stored.map((row) => [row.id, row]));
          const changed: PaperRow[] = [];
          for (const paper of known) {
            const row = byId.get(paper.id);
            if (!row) throw new Error(`paper ${paper.id} was neither inserted nor found`);
            // Most re-fetches change nothing; skip the write, not the count.
            const merged = mergeIntoRow(row, paper, now);
            if (merged) changed.push(merged);
          }
          if (changed.length) {
            await tx.query(`UPDATE papers p SET ${UPDATED.map((c) => `${c} = u.${c}`).join(', ')} FROM ${unnest} WHERE p.id = u.id`, columnArrays(changed));
          }
        }
        return { added: added.size, updated: known.length };
      });
    },
    async get(id) {
      const [row] = await rows<PaperRow>(pool, 'SELECT * FROM papers WHERE id = $1', [id]);
      return row ? toStoredPaper(row) : null;
    },
    async firstSeenBetween(from, to) {
      return list('SELECT * FROM papers WHERE first_seen_at >= $1 AND first_seen_at < $2 ORDER BY first_seen_at, id', [from, to]);
    },
    async firstSeenPage(from, after, limit) {
      return list(
        `SELECT * FROM papers WHERE first_seen_at >= $1 AND (first_seen_at > $2 OR (first_seen_at = $2 AND id > $3))
         ORDER BY first_seen_at, id LIMIT $4`,
        [from, after?.firstSeenAt ?? '', after?.id ?? '', limit],
      );
    },
    async datedOn(day) {
      return list('SELECT * FROM papers WHERE hf_date = $1 OR (hf_date IS NULL AND substr(published_at, 1, 10) = $1) ORDER BY id', [day]);
    },
    async count() {
      const [row] = await rows<{ n: number }>(pool, 'SELECT count(*) AS n FROM papers');
      return row?.n ?? 0;
    },
  };
}
