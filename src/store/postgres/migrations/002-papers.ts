import type { Migration } from '../../migration.js';

export const papers: Migration = {
  version: 2,
  name: 'papers',
  sql: `
    -- id is the arXiv id without its version; array fields are JSON text, parsed
    -- (zod) on read like every JSON column, so both engines share one reader.
    CREATE TABLE papers (
      id                 text COLLATE "C" PRIMARY KEY,
      version            integer NOT NULL,
      title              text COLLATE "C" NOT NULL,
      abstract           text COLLATE "C" NOT NULL,
      authors_json       text COLLATE "C" NOT NULL,
      published_at       text COLLATE "C" NOT NULL,
      hf_date            text COLLATE "C",
      upvotes            integer,
      ai_summary         text COLLATE "C",
      ai_keywords_json   text COLLATE "C" NOT NULL,
      code_url           text COLLATE "C",
      project_url        text COLLATE "C",
      num_comments       integer,
      categories_json    text COLLATE "C" NOT NULL,
      sources_json       text COLLATE "C" NOT NULL,
      first_seen_at      text COLLATE "C" NOT NULL,
      updated_at         text COLLATE "C" NOT NULL
    );
    CREATE INDEX papers_first_seen ON papers (first_seen_at);
  `,
};
