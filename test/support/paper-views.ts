import type { PaperView } from '../../src/chat/reply.js';

/** A paper post as adapters receive it; tests override what they are about. */
export function fixtureView(over: Partial<PaperView> = {}): PaperView {
  return {
    id: '2599.00001',
    title: 'A fixture paper about pruning',
    url: 'https://huggingface.co/papers/2599.00001',
    authors: ['Ada Fixture', 'Bob Placeholder'],
    moreAuthors: 0,
    summary: 'We prune fixture networks. Results are fixture results.',
    matchedRules: ['pruning'],
    links: [
      { label: 'arXiv', url: 'https://arxiv.org/abs/2599.00001' },
      { label: 'PDF', url: 'https://arxiv.org/pdf/2599.00001' },
    ],
    upvotes: 12,
    publishedAt: '2026-03-09T12:00:00.000Z',
    categories: ['cs.LG'],
    imageUrl: null,
    ...over,
  };
}
