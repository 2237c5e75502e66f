import { describe, expect, it } from 'vitest';
import { hfItemSchema, hfItemToPaper } from '../../src/sources/hf-schema.js';
import { HOSTILE_LINKS, KEPT_LINKS } from '../support/hostile-links.js';

const item = (paper: Record<string, unknown>) => ({
  paper: { id: '2599.00001', title: 'A paper', summary: 'An abstract.', authors: [{ name: 'Ada' }], publishedAt: '2026-03-09T00:00:00.000Z', ...paper },
});

describe('HF link fields are only http(s) URLs (issue #11, point 1)', () => {
  for (const field of ['githubRepo', 'projectPage'] as const) {
    const out = field === 'githubRepo' ? 'codeUrl' : 'projectUrl';
    it.each(HOSTILE_LINKS.map((v) => [v.length > 60 ? `${v.slice(0, 40)}… (${v.length} chars)` : v, v]))(`${field} = %s`, (_name, value) => {
      const parsed = hfItemSchema.safeParse(item({ [field]: value }));
      // A bad link never costs the paper: only the link is dropped.
      expect(parsed.success).toBe(true);
      const paper = hfItemToPaper(parsed.data as never, '2026-03-09');
      expect(paper[out]).toBe(KEPT_LINKS[value] ?? null);
    });
  }

  it('keeps ordinary code and project links as they are', () => {
    const parsed = hfItemSchema.parse(item({ githubRepo: 'https://github.com/a/b', projectPage: 'http://example.org/p?q=1#x' }));
    const paper = hfItemToPaper(parsed, '2026-03-09');
    expect([paper.codeUrl, paper.projectUrl]).toEqual(['https://github.com/a/b', 'http://example.org/p?q=1#x']);
  });
});
