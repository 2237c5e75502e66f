import type { Migration } from './migration.js';

export const sourceState: Migration = {
  version: 4,
  name: 'source state',
  sql: `
    CREATE TABLE source_state (
      source           TEXT PRIMARY KEY,
      last_success_day TEXT,
      last_success_at  TEXT,
      last_error       TEXT,
      last_error_at    TEXT
    ) WITHOUT ROWID;
  `,
};
