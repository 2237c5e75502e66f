import type { Migration } from './migration.js';

export const papers: Migration = {
  version: 2,
  name: 'papers',
  sql: `
    -- id is the arXiv id without its version; array fields are JSON text.
    CREATE TABLE papers (
      id                 TEXT    PRIMARY KEY,
      version            INTEGER NOT NULL,
      title              TEXT    NOT NULL,
      abstract           TEXT    NOT NULL,
      authors_json       TEXT    NOT NULL,
      published_at       TEXT    NOT NULL,
      hf_date            TEXT,
      upvotes            INTEGER,
      ai_summary         TEXT,
      ai_keywords_json   TEXT    NOT NULL,
      code_url           TEXT,
      project_url        TEXT,
      num_comments       INTEGER,
      categories_json    TEXT    NOT NULL,
      sources_json       TEXT    NOT NULL,
      first_seen_at      TEXT    NOT NULL,
      updated_at         TEXT    NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX papers_first_seen ON papers (first_seen_at);
  `,
};
