import type { Migration } from './migration.js';

export const channelsAndRules: Migration = {
  version: 1,
  name: 'channels and rules',
  sql: `
    -- Platform, kind and source names are checked on read (zod), not by CHECK
    -- constraints, so a new platform or source needs no table rebuild.
    CREATE TABLE channels (
      id             INTEGER PRIMARY KEY,
      platform       TEXT    NOT NULL,
      workspace_id   TEXT    NOT NULL,
      channel_id     TEXT    NOT NULL,
      schedule_time  TEXT,
      timezone       TEXT,
      paused         INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
      paused_reason  TEXT,
      last_digest_at TEXT,
      created_at     TEXT    NOT NULL,
      UNIQUE (platform, workspace_id, channel_id)
    );

    CREATE TABLE rules (
      id         INTEGER PRIMARY KEY,
      channel_id INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
      text       TEXT    NOT NULL,
      added_by   TEXT    NOT NULL,
      added_at   TEXT    NOT NULL
    );
    -- lower() folds ASCII only; the store compares in full Unicode before writing.
    CREATE UNIQUE INDEX rules_channel_text ON rules (channel_id, lower(text));
  `,
};
