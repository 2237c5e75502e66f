import type { Migration } from './migration.js';

export const imagesAndSaved: Migration = {
  version: 6,
  name: 'paper images and saved papers',
  sql: `
    -- The figure (or thumbnail) a post shows; checked by the source's schema before it is stored.
    ALTER TABLE papers ADD COLUMN image_url TEXT;

    -- A person's reading list, per workspace (Slack team, Discord guild).
    CREATE TABLE saved_papers (
      platform     TEXT NOT NULL,
      workspace_id TEXT NOT NULL,
      user_id      TEXT NOT NULL,
      paper_id     TEXT NOT NULL,
      saved_at     TEXT NOT NULL,
      PRIMARY KEY (platform, workspace_id, user_id, paper_id)
    ) WITHOUT ROWID;
    CREATE INDEX saved_papers_newest ON saved_papers (platform, workspace_id, user_id, saved_at);
    CREATE INDEX rules_added_by ON rules (added_by);
  `,
};
