import type Database from 'better-sqlite3';
import { blankSourceState, type SourceRow, toSourceState } from '../rows/source-state.js';
import type { SourceStateStore } from '../types.js';

/** A success and a failure are kept side by side; readers compare their times to see which is current. */
export function createSourceStateStore(db: Database.Database): SourceStateStore {
  const one = db.prepare<[string], SourceRow>('SELECT * FROM source_state WHERE source = ?');
  const all = db.prepare<[], SourceRow>('SELECT * FROM source_state ORDER BY source');
  const attempt = db.prepare(
    `INSERT INTO source_state (source, last_attempt_at) VALUES (?, ?)
     ON CONFLICT (source) DO UPDATE SET last_attempt_at = excluded.last_attempt_at`,
  );
  const success = db.prepare(
    `INSERT INTO source_state (source, last_success_day, last_success_at) VALUES (?, ?, ?)
     ON CONFLICT (source) DO UPDATE SET last_success_day = excluded.last_success_day, last_success_at = excluded.last_success_at, failures = 0`,
  );
  const failure = db.prepare(
    `INSERT INTO source_state (source, last_success_day, last_error, last_error_at, failures) VALUES (?, ?, ?, ?, 1)
     ON CONFLICT (source) DO UPDATE SET last_success_day = coalesce(excluded.last_success_day, source_state.last_success_day),
       last_error = excluded.last_error, last_error_at = excluded.last_error_at, failures = source_state.failures + 1`,
  );
  return {
    async get(source) {
      const row = one.get(source);
      return row ? toSourceState(row) : blankSourceState(source);
    },
    async all() {
      return all.all().map(toSourceState);
    },
    async recordAttempt(source, at) {
      attempt.run(source, at);
    },
    async recordSuccess(source, day, at) {
      success.run(source, day, at);
    },
    async recordFailure(source, error, at, progressDay = null) {
      failure.run(source, progressDay, error, at);
    },
  };
}
