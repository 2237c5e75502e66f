import type { Migration } from '../../migration.js';

/** SQLite's migration 10, for PostgreSQL: the same tables and keys. */
export const installations: Migration = {
  version: 10,
  name: 'installations (Slack OAuth, one bot token per workspace)',
  sql: `
    -- One row per install: a team (workspace), or an enterprise for an org-wide
    -- install. Tokens are secrets: never logged; the database must be protected
    -- like the environment that holds SLACK_BOT_TOKEN in single-workspace mode.
    CREATE TABLE installations (
      platform      text COLLATE "C" NOT NULL,
      scope         text COLLATE "C" NOT NULL CHECK (scope IN ('team', 'enterprise')),
      scope_id      text COLLATE "C" NOT NULL,
      team_id       text COLLATE "C",
      enterprise_id text COLLATE "C",
      bot_token     text COLLATE "C" NOT NULL,
      bot_id        text COLLATE "C" NOT NULL,
      bot_user_id   text COLLATE "C" NOT NULL,
      -- Token rotation: what renews bot_token, and when bot_token expires (ISO).
      refresh_token text COLLATE "C",
      expires_at    text COLLATE "C",
      -- The platform's own record of the install (names, app id, scopes), JSON, without tokens.
      details       text COLLATE "C" NOT NULL,
      installed_at  text COLLATE "C" NOT NULL,
      updated_at    text COLLATE "C" NOT NULL,
      -- Grows with every token change: a renewal is written only over the version it read.
      token_version integer NOT NULL DEFAULT 1,
      -- Who renews the token now, since when (a lease: a dead worker's claim lapses).
      refreshing_by text COLLATE "C",
      refreshing_at text COLLATE "C",
      PRIMARY KEY (platform, scope, scope_id)
    );

    -- Teams seen in an organization's requests: a delivery to one of their
    -- channels finds the organization's org-wide install through this.
    CREATE TABLE installation_teams (
      platform      text COLLATE "C" NOT NULL,
      team_id       text COLLATE "C" NOT NULL,
      enterprise_id text COLLATE "C" NOT NULL,
      seen_at       text COLLATE "C" NOT NULL,
      PRIMARY KEY (platform, team_id)
    );
    CREATE INDEX installation_teams_enterprise ON installation_teams (platform, enterprise_id);
  `,
};
