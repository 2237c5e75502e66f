import type { Paper } from '../../src/papers/paper.js';

let counter = 0;

/** A paper with plainly fixture values; override what the test is about. */
export function makePaper(over: Partial<Paper> = {}): Paper {
  counter += 1;
  return {
    id: `2599.${String(90000 + counter).padStart(5, '0')}`,
    version: 1,
    title: `Fixture paper ${counter}`,
    abstract: 'We study a fixture problem. Results are fixture results.',
    authors: ['Ada Fixture', 'Bob Placeholder'],
    publishedAt: '2026-03-09T12:00:00.000Z',
    hfDate: null,
    upvotes: null,
    aiSummary: null,
    aiKeywords: [],
    codeUrl: null,
    projectUrl: null,
    numComments: null,
    imageUrl: null,
    categories: ['cs.LG'],
    sources: ['arxiv'],
    ...over,
  };
}
