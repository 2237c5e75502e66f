import type Database from 'better-sqlite3';
import type { SourceName } from '../../papers/paper.js';
import type { SourceState, SourceStateStore } from '../types.js';
import { parseValue } from './parse.js';
import { sourceNameSchema } from './schemas.js';

interface SourceRow {
  source: string;
  last_success_day: string | null;
  last_success_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
}

function toState(row: SourceRow): SourceState {
  return {
    source: parseValue(sourceNameSchema, row.source, { table: 'source_state', id: row.source, column: 'source' }),
    lastSuccessDay: row.last_success_day,
    lastSuccessAt: row.last_success_at,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
  };
}

const blank = (source: SourceName): SourceState => ({ source, lastSuccessDay: null, lastSuccessAt: null, lastError: null, lastErrorAt: null });

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
      return row ? toState(row) : blank(source);
    },
    async all() {
      return all.all().map(toState);
    },
    async recordSuccess(source, day, at) {
      success.run(source, day, at);
    },
    async recordFailure(source, error, at) {
      failure.run(source, error, at);
    },
  };
}
