import type { Migration } from './migration.js';

export const feedbackAndSettings: Migration = {
  version: 5,
  name: 'feedback events and channel settings',
  sql: `
    -- One row per platform event identity (a reaction's removal reuses its key
    -- and flips removed), so a redelivered event is stored once.
    CREATE TABLE feedback_events (
      id         INTEGER PRIMARY KEY,
      event_key  TEXT    NOT NULL UNIQUE,
      channel_id INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
      paper_id   TEXT    NOT NULL,
      user_id    TEXT    NOT NULL,
      kind       TEXT    NOT NULL CHECK (kind IN ('reaction', 'reply')),
      emoji      TEXT,
      removed    INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
      at         TEXT    NOT NULL
    );
    CREATE INDEX feedback_channel_at ON feedback_events (channel_id, at);
    CREATE INDEX threads_channel_created ON threads (channel_id, created_at);

    -- Absent row = every default. Emoji lists are JSON arrays; NULL = the defaults.
    CREATE TABLE channel_settings (
      channel_id      INTEGER PRIMARY KEY REFERENCES channels (id) ON DELETE CASCADE,
      learn           INTEGER NOT NULL DEFAULT 1 CHECK (learn IN (0, 1)),
      threshold       REAL    CHECK (threshold IS NULL OR (threshold >= 0 AND threshold <= 1)),
      positive_emoji  TEXT,
      negative_emoji  TEXT,
      recap_enabled   INTEGER NOT NULL DEFAULT 0 CHECK (recap_enabled IN (0, 1)),
      recap_weekday   INTEGER CHECK (recap_weekday IS NULL OR (recap_weekday BETWEEN 0 AND 6)),
      recap_time      TEXT,
      last_recap_at   TEXT
    ) WITHOUT ROWID;
  `,
};
