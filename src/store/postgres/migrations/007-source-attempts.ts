import type { Migration } from '../../migration.js';

/** As SQLite's migration 7: when a source's last fetch started, and how many in a row failed. */
export const sourceAttempts: Migration = {
  version: 7,
  name: 'source fetch attempts',
  sql: `
    ALTER TABLE source_state ADD COLUMN last_attempt_at text COLLATE "C";
    ALTER TABLE source_state ADD COLUMN failures integer NOT NULL DEFAULT 0 CHECK (failures >= 0);
  `,
};
