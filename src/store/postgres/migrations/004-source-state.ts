import type { Migration } from '../../migration.js';

export const sourceState: Migration = {
  version: 4,
  name: 'source state',
  sql: `
    CREATE TABLE source_state (
      source           text COLLATE "C" PRIMARY KEY,
      last_success_day text COLLATE "C",
      last_success_at  text COLLATE "C",
      last_error       text COLLATE "C",
      last_error_at    text COLLATE "C"
    );
  `,
};
