import type { Migration } from './migration.js';

/**
 * Who is delivering a channel's queue right now. Workers sharing one database
 * each post a channel's deliveries one at a time and in plan order only while
 * they hold its claim, so two workers never post to one channel at once and
 * its posts keep their order (header first). Released when the queue is empty.
 */
export const channelClaims: Migration = {
  version: 11,
  name: 'channel claims',
  sql: `
    CREATE TABLE channel_claims (
      channel_id INTEGER PRIMARY KEY REFERENCES channels (id) ON DELETE CASCADE,
      owner      TEXT    NOT NULL,
      claimed_at TEXT    NOT NULL
    );
    CREATE INDEX channel_claims_owner ON channel_claims (owner);
  `,
};
