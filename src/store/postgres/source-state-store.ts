import { blankSourceState, type SourceRow, toSourceState } from '../rows/source-state.js';
import type { SourceStateStore } from '../types.js';
import { type Pool, rows } from './pool.js';

/** A success and a failure are kept side by side; readers compare their times to see which is current. */
export function createSourceStateStore(pool: Pool): SourceStateStore {
  return {
    async get(source) {
      const [row] = await rows<SourceRow>(pool, 'SELECT * FROM source_state WHERE source = $1', [source]);
      return row ? toSourceState(row) : blankSourceState(source);
    },
    async all() {
      return (await rows<SourceRow>(pool, 'SELECT * FROM source_state ORDER BY source')).map(toSourceState);
    },
    async recordAttempt(source, at) {
      await pool.query(
        `INSERT INTO source_state (source, last_attempt_at) VALUES ($1, $2)
         ON CONFLICT (source) DO UPDATE SET last_attempt_at = excluded.last_attempt_at`,
        [source, at],
      );
    },
    async recordSuccess(source, day, at) {
      await pool.query(
        `INSERT INTO source_state (source, last_success_day, last_success_at) VALUES ($1, $2, $3)
         ON CONFLICT (source) DO UPDATE SET last_success_day = excluded.last_success_day, last_success_at = excluded.last_success_at, failures = 0`,
        [source, day, at],
      );
    },
    async recordFailure(source, error, at, progressDay = null) {
      await pool.query(
        `INSERT INTO source_state (source, last_success_day, last_error, last_error_at, failures) VALUES ($1, $2, $3, $4, 1)
         ON CONFLICT (source) DO UPDATE SET last_success_day = coalesce(excluded.last_success_day, source_state.last_success_day),
           last_error = excluded.last_error, last_error_at = excluded.last_error_at, failures = source_state.failures + 1`,
        [source, progressDay, error, at],
      );
    },
  };
}
