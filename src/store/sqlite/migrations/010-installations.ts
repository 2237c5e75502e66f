import type { Migration } from './migration.js';

export const installations: Migration = {
  version: 10,
  name: 'installations (Slack OAuth, one bot token per workspace)',
  sql: `
    -- One row per install: a team (workspace), or an enterprise for an org-wide
    -- install. Tokens are secrets: never logged; the database must be protected
    -- like the environment that holds SLACK_BOT_TOKEN in single-workspace mode.
    CREATE TABLE installations (
      platform      TEXT    NOT NULL,
      scope         TEXT    NOT NULL CHECK (scope IN ('team', 'enterprise')),
      scope_id      TEXT    NOT NULL,
      team_id       TEXT,
      enterprise_id TEXT,
      bot_token     TEXT    NOT NULL,
      bot_id        TEXT    NOT NULL,
      bot_user_id   TEXT    NOT NULL,
      -- Token rotation: what renews bot_token, and when bot_token expires (ISO).
      refresh_token TEXT,
      expires_at    TEXT,
      -- The platform's own record of the install (names, app id, scopes), JSON, without tokens.
      details       TEXT    NOT NULL,
      installed_at  TEXT    NOT NULL,
      updated_at    TEXT    NOT NULL,
      -- Grows with every token change: a renewal is written only over the version it read.
      token_version INTEGER NOT NULL DEFAULT 1,
      -- Who renews the token now, since when (a lease: a dead worker's claim lapses).
      refreshing_by TEXT,
      refreshing_at TEXT,
      PRIMARY KEY (platform, scope, scope_id)
    ) WITHOUT ROWID;

    -- Teams seen in an organization's requests: a delivery to one of their
    -- channels finds the organization's org-wide install through this.
    CREATE TABLE installation_teams (
      platform      TEXT NOT NULL,
      team_id       TEXT NOT NULL,
      enterprise_id TEXT NOT NULL,
      seen_at       TEXT NOT NULL,
      PRIMARY KEY (platform, team_id)
    ) WITHOUT ROWID;
    CREATE INDEX installation_teams_enterprise ON installation_teams (platform, enterprise_id);
  `,
};
