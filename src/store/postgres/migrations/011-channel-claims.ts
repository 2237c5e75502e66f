import type { Migration } from '../../migration.js';

/** As SQLite's migration 11: who is delivering a channel's queue right now. */
export const channelClaims: Migration = {
  version: 11,
  name: 'channel claims',
  sql: `
    CREATE TABLE channel_claims (
      channel_id bigint PRIMARY KEY REFERENCES channels (id) ON DELETE CASCADE,
      owner      text COLLATE "C" NOT NULL,
      claimed_at text COLLATE "C" NOT NULL
    );
    CREATE INDEX channel_claims_owner ON channel_claims (owner);
  `,
};
