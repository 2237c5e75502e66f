import type { Migration } from '../../migration.js';

/** SQLite's migration 8, for PostgreSQL: the same columns, status and table. */
export const deliveryOutcomes: Migration = {
  version: 8,
  name: 'delivery outcomes, retries and paused deliveries',
  sql: `
    ALTER TABLE deliveries DROP CONSTRAINT deliveries_status_check;
    ALTER TABLE deliveries ADD CONSTRAINT deliveries_status_check
      CHECK (status IN ('planned', 'attempted', 'sent', 'held', 'failed', 'paused'));
    -- Failed attempts counted toward giving up (transient and unknown answers; a 429 is not one).
    ALTER TABLE deliveries ADD COLUMN attempts integer NOT NULL DEFAULT 0;
    -- Not to be tried before this time (backoff, Retry-After); NULL = at once.
    ALTER TABLE deliveries ADD COLUMN next_attempt_at text COLLATE "C";
    -- An earlier attempt may have reached the platform: look for it before posting again.
    ALTER TABLE deliveries ADD COLUMN maybe_sent boolean NOT NULL DEFAULT false;
    -- When the first attempt started: recovery looks back to here, not further.
    ALTER TABLE deliveries ADD COLUMN first_attempt_at text COLLATE "C";
    -- Why it failed, or why its last attempt did not go through.
    ALTER TABLE deliveries ADD COLUMN failure_reason text COLLATE "C";
    UPDATE deliveries SET maybe_sent = true, first_attempt_at = claimed_at WHERE status = 'attempted';

    DROP INDEX deliveries_status;
    CREATE INDEX deliveries_status ON deliveries (status, next_attempt_at);
    -- A channel's queue in plan order, without its (ever growing) history of sent rows.
    CREATE INDEX deliveries_unsent ON deliveries (channel_id, planned_at, digest_id, seq, id) WHERE status IN ('planned', 'attempted');

    -- A platform refused the bot's token: every channel it serves is paused until
    -- someone fixes the token and resumes. Discord's workspace_id is '*' (the whole bot).
    CREATE TABLE token_failures (
      platform     text COLLATE "C" NOT NULL,
      workspace_id text COLLATE "C" NOT NULL,
      reason       text COLLATE "C" NOT NULL,
      at           text COLLATE "C" NOT NULL,
      PRIMARY KEY (platform, workspace_id)
    );
  `,
};
