import type { SourceName } from '../../papers/paper.js';
import type { SourceState } from '../types.js';
import { parseValue } from './parse.js';
import { sourceNameSchema } from './schemas.js';

export interface SourceRow {
  source: string;
  last_success_day: string | null;
  last_success_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  last_attempt_at: string | null;
  failures: number;
}

export function toSourceState(row: SourceRow): SourceState {
  return {
    source: parseValue(sourceNameSchema, row.source, { table: 'source_state', id: row.source, column: 'source' }),
    lastSuccessDay: row.last_success_day,
    lastSuccessAt: row.last_success_at,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
    lastAttemptAt: row.last_attempt_at,
    failures: row.failures,
  };
}

/** A source never fetched: what every engine's store answers before its first attempt. */
export const blankSourceState = (source: SourceName): SourceState => ({
  source,
  lastSuccessDay: null,
  lastSuccessAt: null,
  lastError: null,
  lastErrorAt: null,
  lastAttemptAt: null,
  failures: 0,
});
