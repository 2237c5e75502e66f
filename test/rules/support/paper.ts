import type { Paper } from '../../../src/papers/paper.js';
import { makePaper } from '../../support/papers.js';

/** A fixture paper with plain text: only what a test names differs. */
export function paper(fields: Partial<Paper> = {}): Paper {
  return makePaper({
    title: 'A Plain Title',
    abstract: 'A plain abstract.',
    authors: ['Ada Fixture'],
    publishedAt: '2025-12-08T00:00:00.000Z',
    categories: [],
    ...fields,
  });
}
