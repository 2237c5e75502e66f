import { safeHttpUrl } from '../util/safe-url.js';

/** Where a paper record came from. One paper may come from both. */
export type SourceName = 'hf' | 'arxiv';

/**
 * A paper as the core knows it, whichever source it came from.
 * `id` is the arXiv id without its version ("2412.01234"), so versions and
 * sources collapse into one record.
 */
export interface Paper {
  id: string;
  /** Highest arXiv version seen (1 when unknown). */
  version: number;
  title: string;
  abstract: string;
  authors: string[];
  /** arXiv publication time, ISO 8601. */
  publishedAt: string;
  /** Day the paper appeared on HF Daily Papers (YYYY-MM-DD), null when not on HF. */
  hfDate: string | null;
  upvotes: number | null;
  aiSummary: string | null;
  aiKeywords: string[];
  codeUrl: string | null;
  projectUrl: string | null;
  numComments: number | null;
  /** A figure or thumbnail to show with the paper: an https: URL on Hugging Face's hosts, or null. */
  imageUrl: string | null;
  /** arXiv categories, primary first. Empty when only HF knows the paper. */
  categories: string[];
  sources: SourceName[];
}

/** A paper as stored: the store stamps when it first saw it. */
export interface StoredPaper extends Paper {
  firstSeenAt: string;
}

const VERSIONED_ID = /^(.*?)(?:v(\d+))?$/;

/** Split "2412.01234v2" into its base id and version (1 when absent). */
export function splitArxivId(raw: string): { id: string; version: number } {
  const trimmed = raw.trim();
  const m = VERSIONED_ID.exec(trimmed);
  const id = m?.[1] ?? trimmed;
  const version = m?.[2] ? Number(m[2]) : 1;
  return { id, version };
}

export interface PaperLinks {
  abs: string;
  pdf: string;
  hf: string | null;
  code: string | null;
  project: string | null;
}

export function paperLinks(p: Pick<Paper, 'id' | 'hfDate' | 'sources' | 'codeUrl' | 'projectUrl'>): PaperLinks {
  return {
    abs: arxivAbsUrl(p.id),
    pdf: `https://arxiv.org/pdf/${p.id}`,
    hf: p.sources.includes('hf') ? `https://huggingface.co/papers/${p.id}` : null,
    // Checked again on the way out: a row stored before the source checked them, or by another road.
    code: safeHttpUrl(p.codeUrl),
    project: safeHttpUrl(p.projectUrl),
  };
}

/** A paper's arXiv page, from its id alone. */
export function arxivAbsUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`;
}
