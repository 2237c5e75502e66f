import type { Migration } from './migration.js';

/**
 * Fetches run on each source's cadence, decided from the database so that
 * several workers sharing it agree: when the last attempt started, and how
 * many attempts in a row failed (the retry backoff grows with it).
 */
export const sourceAttempts: Migration = {
  version: 7,
  name: 'source fetch attempts',
  sql: `
    ALTER TABLE source_state ADD COLUMN last_attempt_at TEXT;
    ALTER TABLE source_state ADD COLUMN failures INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0);
  `,
};
