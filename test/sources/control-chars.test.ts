import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import type { Paper } from '../../src/papers/paper.js';
import { parseArxivFeed } from '../../src/sources/arxiv-parse.js';
import { parseHfItems } from '../../src/sources/hf-parse.js';

// Any C0 control but tab, line feed and carriage return, and DEL. PostgreSQL refuses a NUL in text outright,
// which would fail the whole day's batch; the others have no business in a chat message either.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function strings(p: Paper): string[] {
  return Object.values(p).flatMap((v) => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []));
}

describe('control characters from sources', () => {
  it('Hugging Face: NUL and other controls are removed from every text field, line breaks kept', () => {
    const item = {
      paper: {
        id: '2599.90001',
        title: 'Pruning\u0000 at\u0007 scale',
        summary: 'We prune.\u0000\nLine two\u001b[31m.',
        authors: [{ name: 'Ada\u0000 Fixture' }],
        publishedAt: '2026-03-09T00:00:00.000Z',
        ai_summary: 'Short\u0000 summary',
        ai_keywords: ['prun\u0000ing'],
      },
      publishedAt: '2026-03-09T01:00:00.000Z',
      title: 'Pruning at scale',
      summary: 'We prune.',
    };
    const { items } = parseHfItems([item], '2026-03-09', silentLogger());
    const [paper] = items;
    expect(paper).toBeDefined();
    if (!paper) return;
    expect(strings(paper).filter((s) => CONTROL.test(s))).toEqual([]);
    expect(paper.title).toBe('Pruning at scale');
    expect(paper.abstract).toBe('We prune.\nLine two[31m.');
    expect(paper.authors).toEqual(['Ada Fixture']);
    expect(paper.aiKeywords).toEqual(['pruning']);
  });

  it('arXiv: a character reference to a control character is removed too', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">
  <opensearch:totalResults>1</opensearch:totalResults>
  <entry>
    <id>http://arxiv.org/abs/2599.90002v1</id>
    <published>2026-03-09T00:00:00Z</published>
    <updated>2026-03-09T00:00:00Z</updated>
    <title>Graph&#27; neural networks</title>
    <summary>An abstract&#8; with a backspace.</summary>
    <author><name>Grace&#1; Fixture</name></author>
    <arxiv:primary_category term="cs.LG"/>
    <category term="cs.LG"/>
  </entry>
</feed>`;
    const page = parseArxivFeed(xml, silentLogger());
    const [paper] = page.parsed.items;
    expect(paper).toBeDefined();
    if (!paper) return;
    expect(strings(paper).filter((s) => CONTROL.test(s))).toEqual([]);
    expect(paper.title).toBe('Graph neural networks');
  });
});
