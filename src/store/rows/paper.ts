import { isDeepStrictEqual } from 'node:util';
import { mergePapers } from '../../papers/merge.js';
import type { Paper, StoredPaper } from '../../papers/paper.js';
import { parseJsonColumn } from './parse.js';
import { sourceListSchema, stringArraySchema } from './schemas.js';

export const PAPER_COLUMNS = [
  'id',
  'version',
  'title',
  'abstract',
  'authors_json',
  'published_at',
  'hf_date',
  'upvotes',
  'ai_summary',
  'ai_keywords_json',
  'code_url',
  'project_url',
  'num_comments',
  'image_url',
  'categories_json',
  'sources_json',
  'first_seen_at',
  'updated_at',
] as const;

export interface PaperRow {
  id: string;
  version: number;
  title: string;
  abstract: string;
  authors_json: string;
  published_at: string;
  hf_date: string | null;
  upvotes: number | null;
  ai_summary: string | null;
  ai_keywords_json: string;
  code_url: string | null;
  project_url: string | null;
  num_comments: number | null;
  image_url: string | null;
  categories_json: string;
  sources_json: string;
  first_seen_at: string;
  updated_at: string;
}

export function toStoredPaper(row: PaperRow): StoredPaper {
  const at = (column: string) => ({ table: 'papers', id: row.id, column });
  return {
    id: row.id,
    version: row.version,
    title: row.title,
    abstract: row.abstract,
    authors: parseJsonColumn(stringArraySchema, row.authors_json, at('authors_json')),
    publishedAt: row.published_at,
    hfDate: row.hf_date,
    upvotes: row.upvotes,
    aiSummary: row.ai_summary,
    aiKeywords: parseJsonColumn(stringArraySchema, row.ai_keywords_json, at('ai_keywords_json')),
    codeUrl: row.code_url,
    projectUrl: row.project_url,
    numComments: row.num_comments,
    imageUrl: row.image_url,
    categories: parseJsonColumn(stringArraySchema, row.categories_json, at('categories_json')),
    sources: parseJsonColumn(sourceListSchema, row.sources_json, at('sources_json')),
    firstSeenAt: row.first_seen_at,
  };
}

/** Named parameters for the insert and update statements. */
export function paperParams(p: Paper, firstSeenAt: string, now: string): PaperRow {
  return {
    id: p.id,
    version: p.version,
    title: p.title,
    abstract: p.abstract,
    authors_json: JSON.stringify(p.authors),
    published_at: p.publishedAt,
    hf_date: p.hfDate,
    upvotes: p.upvotes,
    ai_summary: p.aiSummary,
    ai_keywords_json: JSON.stringify(p.aiKeywords),
    code_url: p.codeUrl,
    project_url: p.projectUrl,
    num_comments: p.numComments,
    image_url: p.imageUrl,
    categories_json: JSON.stringify(p.categories),
    sources_json: JSON.stringify(p.sources),
    first_seen_at: firstSeenAt,
    updated_at: now,
  };
}

function withoutFirstSeen({ firstSeenAt: _seen, ...paper }: StoredPaper): Paper {
  return paper;
}

/**
 * A fetched paper merged into its stored row (richer fields win; first-seen
 * time kept): the row to write, or null when the merge changes nothing, as
 * most re-fetches do.
 */
export function mergeIntoRow(row: PaperRow, paper: Paper, now: string): PaperRow | null {
  const old = withoutFirstSeen(toStoredPaper(row));
  const merged = mergePapers(old, paper);
  return isDeepStrictEqual(merged, old) ? null : paperParams(merged, row.first_seen_at, now);
}
