import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { parseHfItems } from '../../src/sources/hf-parse.js';

/** One Daily Papers item in the API's shape, with the picture fields under test. */
function item(id: string, pictures: { mediaUrls?: unknown; thumbnail?: unknown }): unknown {
  return {
    paper: {
      id,
      authors: [{ _id: 'a1', name: 'Ada Fixture', hidden: false }],
      publishedAt: '2026-03-09T12:00:00.000Z',
      title: `Fixture ${id}`,
      summary: 'A fixture abstract.',
      upvotes: 3,
      ...(pictures.mediaUrls !== undefined ? { mediaUrls: pictures.mediaUrls } : {}),
    },
    publishedAt: '2026-03-09T13:00:00.000Z',
    numComments: 0,
    ...(pictures.thumbnail !== undefined ? { thumbnail: pictures.thumbnail } : {}),
  };
}

const imageOf = (pictures: { mediaUrls?: unknown; thumbnail?: unknown }): string | null | undefined => {
  const r = parseHfItems([item('2599.00001', pictures)], '2026-03-09', silentLogger());
  expect(r.skipped).toEqual([]);
  return r.items[0]?.imageUrl;
};

const FIGURE = 'https://cdn-uploads.huggingface.co/production/uploads/abc/figure1.png';
const THUMB = 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2599.00001.png';

describe('the picture of a Hugging Face paper', () => {
  it('is the first figure, else the social thumbnail, else none', () => {
    expect(imageOf({ mediaUrls: [FIGURE, 'https://cdn-uploads.huggingface.co/production/uploads/abc/figure2.png'], thumbnail: THUMB })).toBe(FIGURE);
    expect(imageOf({ mediaUrls: [], thumbnail: THUMB })).toBe(THUMB);
    expect(imageOf({ thumbnail: THUMB })).toBe(THUMB);
    expect(imageOf({})).toBeNull();
    expect(imageOf({ mediaUrls: null, thumbnail: null })).toBeNull();
  });

  it('keeps only https: URLs on Hugging Face’s own hosts; a bad figure falls through to the next one', () => {
    const bad = [
      'http://cdn-uploads.huggingface.co/x.png',
      'https://evil.example/x.png',
      'https://huggingface.co.evil.example/x.png',
      'https://evilhuggingface.co/x.png',
      'javascript:alert(1)',
      'data:image/png;base64,AAAA',
      'https://user:pw@huggingface.co/x.png',
      'https://huggingface.co:8443/x.png',
      'not a url',
      42,
    ];
    for (const url of bad) expect(imageOf({ mediaUrls: [url] }), String(url)).toBeNull();
    expect(imageOf({ mediaUrls: [...bad, FIGURE] })).toBe(FIGURE);
    expect(imageOf({ mediaUrls: ['https://evil.example/x.png'], thumbnail: 'https://evil.example/t.png' })).toBeNull();
    expect(imageOf({ mediaUrls: ['https://hf.co/x.png'] })).toBe('https://hf.co/x.png');
    expect(imageOf({ mediaUrls: ['https://HuggingFace.co/papers/x.png'] })).toBe('https://huggingface.co/papers/x.png');
  });
});
