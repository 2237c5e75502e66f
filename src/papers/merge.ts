import type { Paper } from './paper.js';

function longer(a: string, b: string): string {
  return b.length > a.length ? b : a;
}

/**
 * Merge two records of the same paper (two sources, or two versions),
 * keeping the richer value of each field: the newest version's title and
 * abstract, HF's engagement data, arXiv's categories.
 */
export function mergePapers(a: Paper, b: Paper): Paper {
  const newer = b.version > a.version ? b : a;
  const older = newer === a ? b : a;
  return {
    id: a.id,
    version: Math.max(a.version, b.version),
    title: newer.title || older.title,
    abstract: newer.version !== older.version ? newer.abstract || older.abstract : longer(a.abstract, b.abstract),
    authors: a.authors.length >= b.authors.length ? a.authors : b.authors,
    publishedAt: a.publishedAt <= b.publishedAt ? a.publishedAt : b.publishedAt,
    hfDate: a.hfDate ?? b.hfDate,
    upvotes: maxOrNull(a.upvotes, b.upvotes),
    aiSummary: a.aiSummary ?? b.aiSummary,
    aiKeywords: a.aiKeywords.length >= b.aiKeywords.length ? a.aiKeywords : b.aiKeywords,
    codeUrl: a.codeUrl ?? b.codeUrl,
    projectUrl: a.projectUrl ?? b.projectUrl,
    numComments: maxOrNull(a.numComments, b.numComments),
    imageUrl: a.imageUrl ?? b.imageUrl,
    categories: a.categories.length >= b.categories.length ? a.categories : b.categories,
    sources: [...new Set([...a.sources, ...b.sources])].sort(),
  };
}

function maxOrNull(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}

/** Collapse a batch to one record per base id. */
export function dedupePapers(papers: readonly Paper[]): Paper[] {
  const byId = new Map<string, Paper>();
  for (const p of papers) {
    const seen = byId.get(p.id);
    byId.set(p.id, seen ? mergePapers(seen, p) : p);
  }
  return [...byId.values()];
}
