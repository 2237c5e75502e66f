import type { Paper } from '../../../src/papers/paper.js';

let next = 1;

/** A fixture paper: only what a test names differs from a plain one. */
export function paper(fields: Partial<Paper> = {}): Paper {
  return {
    id: `2599.${String(next++).padStart(5, '0')}`,
    version: 1,
    title: 'A Plain Title',
    abstract: 'A plain abstract.',
    authors: ['Ada Fixture'],
    publishedAt: '2025-12-08T00:00:00.000Z',
    hfDate: null,
    upvotes: null,
    aiSummary: null,
    aiKeywords: [],
    codeUrl: null,
    projectUrl: null,
    numComments: null,
    categories: [],
    sources: ['arxiv'],
    ...fields,
  };
}
