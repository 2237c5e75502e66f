import type { Migration } from './migration.js';

export const deliveryOutcomes: Migration = {
  version: 8,
  name: 'delivery outcomes, retries and paused deliveries',
  sql: `
    -- SQLite cannot widen a CHECK in place: the table is rebuilt with the new
    -- 'paused' status and the retry columns, keeping every row and its id.
    CREATE TABLE deliveries_v6 (
      id               INTEGER PRIMARY KEY,
      channel_id       INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
      digest_id        TEXT    NOT NULL,
      seq              INTEGER NOT NULL,
      kind             TEXT    NOT NULL,
      paper_id         TEXT,
      idempotency_key  TEXT    NOT NULL UNIQUE,
      message          TEXT    NOT NULL,
      status           TEXT    NOT NULL CHECK (status IN ('planned', 'attempted', 'sent', 'held', 'failed', 'paused')),
      message_id       TEXT,
      thread_id        TEXT,
      claimed_by       TEXT,
      claimed_at       TEXT,
      planned_at       TEXT    NOT NULL,
      sent_at          TEXT,
      failed_at        TEXT,
      -- Failed attempts counted toward giving up (transient and unknown answers; a 429 is not one).
      attempts         INTEGER NOT NULL DEFAULT 0,
      -- Not to be tried before this time (backoff, Retry-After); NULL = at once.
      next_attempt_at  TEXT,
      -- An earlier attempt may have reached the platform: look for it before posting again.
      maybe_sent       INTEGER NOT NULL DEFAULT 0 CHECK (maybe_sent IN (0, 1)),
      -- When the first attempt started: recovery looks back to here, not further.
      first_attempt_at TEXT,
      -- Why it failed, or why its last attempt did not go through.
      failure_reason   TEXT,
      CHECK ((kind = 'paper') = (paper_id IS NOT NULL)),
      UNIQUE (channel_id, paper_id)
    );
    INSERT INTO deliveries_v6 (id, channel_id, digest_id, seq, kind, paper_id, idempotency_key, message, status, message_id, thread_id,
                               claimed_by, claimed_at, planned_at, sent_at, failed_at, maybe_sent, first_attempt_at)
      SELECT id, channel_id, digest_id, seq, kind, paper_id, idempotency_key, message, status, message_id, thread_id,
             claimed_by, claimed_at, planned_at, sent_at, failed_at, CASE WHEN status = 'attempted' THEN 1 ELSE 0 END, claimed_at
      FROM deliveries;
    DROP TABLE deliveries;
    ALTER TABLE deliveries_v6 RENAME TO deliveries;
    CREATE INDEX deliveries_queue ON deliveries (channel_id, status, planned_at, digest_id, seq);
    CREATE INDEX deliveries_status ON deliveries (status, next_attempt_at);
    -- A channel's queue in plan order, without its (ever growing) history of sent rows.
    CREATE INDEX deliveries_unsent ON deliveries (channel_id, planned_at, digest_id, seq, id) WHERE status IN ('planned', 'attempted');

    -- A platform refused the bot's token: every channel it serves is paused until
    -- someone fixes the token and resumes. Discord's workspace_id is '*' (the whole bot).
    CREATE TABLE token_failures (
      platform     TEXT NOT NULL,
      workspace_id TEXT NOT NULL,
      reason       TEXT NOT NULL,
      at           TEXT NOT NULL,
      PRIMARY KEY (platform, workspace_id)
    ) WITHOUT ROWID;
  `,
};
