import type Database from 'better-sqlite3';
import { blankSourceState, type SourceRow, toSourceState } from '../rows/source-state.js';
import type { SourceStateStore } from '../types.js';

/** A success and a failure are kept side by side; readers compare their times to see which is current. */
export function createSourceStateStore(db: Database.Database): SourceStateStore {
  const one = db.prepare<[string], SourceRow>('SELECT * FROM source_state WHERE source = ?');
  const all = db.prepare<[], SourceRow>('SELECT * FROM source_state ORDER BY source');
  const success = db.prepare(
    `INSERT INTO source_state (source, last_success_day, last_success_at) VALUES (?, ?, ?)
     ON CONFLICT (source) DO UPDATE SET last_success_day = excluded.last_success_day, last_success_at = excluded.last_success_at`,
  );
  const failure = db.prepare(
    `INSERT INTO source_state (source, last_error, last_error_at) VALUES (?, ?, ?)
     ON CONFLICT (source) DO UPDATE SET last_error = excluded.last_error, last_error_at = excluded.last_error_at`,
  );
  return {
    async get(source) {
      const row = one.get(source);
      return row ? toSourceState(row) : blankSourceState(source);
    },
    async all() {
      return all.all().map(toSourceState);
    },
    async recordSuccess(source, day, at) {
      success.run(source, day, at);
    },
    async recordFailure(source, error, at) {
      failure.run(source, error, at);
    },
  };
}
