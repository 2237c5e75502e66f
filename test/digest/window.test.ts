import { describe, expect, it } from 'vitest';
import { deliveryKey } from '../../src/digest/keys.js';
import { cutAtWord, leadSentences, paperView } from '../../src/digest/paper-view.js';
import { digestWindow } from '../../src/digest/window.js';
import { makePaper } from '../support/papers.js';

describe('digestWindow', () => {
  const now = new Date('2026-03-10T08:00:00Z');
  it('covers the last 24 hours for a new channel', () => {
    expect(digestWindow(null, now)).toEqual({ from: '2026-03-09T08:00:00.000Z', to: '2026-03-10T08:00:00.001Z' });
  });
  it('starts at the previous digest', () => {
    expect(digestWindow('2026-03-09T12:00:00.000Z', now).from).toBe('2026-03-09T12:00:00.000Z');
  });
  it('never reaches back more than 7 days', () => {
    expect(digestWindow('2026-01-01T00:00:00.000Z', now).from).toBe('2026-03-03T08:00:00.000Z');
  });
});

describe('delivery keys', () => {
  it('are stable, short enough for a Discord nonce, and distinct per channel and paper', () => {
    const a = deliveryKey(1, 'paper', '2599.00001');
    expect(a).toBe(deliveryKey(1, 'paper', '2599.00001'));
    expect(a.length).toBeLessThanOrEqual(25);
    expect(a).not.toBe(deliveryKey(2, 'paper', '2599.00001'));
    expect(a).not.toBe(deliveryKey(1, 'paper', '2599.00002'));
  });
});

describe('paper view', () => {
  it('cuts at a word and marks the cut', () => {
    const out = cutAtWord('alpha beta gamma delta epsilon', 17);
    expect(out).toBe('alpha beta gamma…');
    expect(out.length).toBeLessThanOrEqual(17);
  });

  it('uses whole leading sentences of the abstract when there is no AI summary', () => {
    expect(leadSentences('First sentence here. Second one is longer than the budget allows by far.', 30)).toBe('First sentence here.');
  });

  it('prefers the HF ai_summary, lists the first four authors and counts the rest', () => {
    const v = paperView(makePaper({ aiSummary: 'One line.', authors: ['A', 'B', 'C', 'D', 'E', 'F'], sources: ['hf'], codeUrl: 'https://github.com/x/y' }), [
      'pruning',
    ]);
    expect(v.summary).toBe('One line.');
    expect(v.authors).toEqual(['A', 'B', 'C', 'D']);
    expect(v.moreAuthors).toBe(2);
    expect(v.links.map((l) => l.label)).toEqual(['arXiv', 'PDF', 'Hugging Face', 'Code']);
    expect(v.url).toContain('huggingface.co/papers/');
  });
});
