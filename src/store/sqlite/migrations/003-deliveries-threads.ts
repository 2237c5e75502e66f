import type { Migration } from './migration.js';

export const deliveriesAndThreads: Migration = {
  version: 3,
  name: 'deliveries and threads',
  sql: `
    CREATE TABLE deliveries (
      id              INTEGER PRIMARY KEY,
      channel_id      INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
      digest_id       TEXT    NOT NULL,
      seq             INTEGER NOT NULL,
      kind            TEXT    NOT NULL,
      paper_id        TEXT,
      idempotency_key TEXT    NOT NULL UNIQUE,
      message         TEXT    NOT NULL,
      status          TEXT    NOT NULL CHECK (status IN ('planned', 'attempted', 'sent', 'held', 'failed')),
      message_id      TEXT,
      thread_id       TEXT,
      claimed_by      TEXT,
      claimed_at      TEXT,
      planned_at      TEXT    NOT NULL,
      sent_at         TEXT,
      failed_at       TEXT,
      CHECK ((kind = 'paper') = (paper_id IS NOT NULL)),
      -- A paper reaches a channel at most once, ever. Only paper rows carry a
      -- paper_id, and NULLs never collide, so this binds paper deliveries only.
      UNIQUE (channel_id, paper_id)
    );
    CREATE INDEX deliveries_queue ON deliveries (channel_id, status, planned_at, digest_id, seq);
    CREATE INDEX deliveries_status ON deliveries (status);

    CREATE TABLE threads (
      id         INTEGER PRIMARY KEY,
      channel_id INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
      paper_id   TEXT    NOT NULL,
      message_id TEXT    NOT NULL,
      thread_id  TEXT    NOT NULL,
      created_at TEXT    NOT NULL,
      UNIQUE (channel_id, message_id)
    );
    CREATE INDEX threads_thread ON threads (thread_id);
    CREATE INDEX threads_message ON threads (message_id);
  `,
};
