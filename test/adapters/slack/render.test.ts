import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutAtWord, fitEscaped } from '../../../adapters/slack/escape.js';
import { renderMessage } from '../../../adapters/slack/render-message.js';
import { renderReply } from '../../../adapters/slack/render-reply.js';
import { blocksProblem } from '../../support/fake-slack-blocks.js';
import { paperView } from './helpers.js';

const HOSTILE = '<!channel> & <https://evil.example|click me> <@U123>';

function allText(blocks: unknown): string {
  return JSON.stringify(blocks);
}

describe('Slack rendering', () => {
  it('escapes &, < and > in every paper string so nothing becomes a mention or link', () => {
    const r = renderMessage({
      kind: 'paper',
      paper: paperView({ title: HOSTILE, authors: ['<!here>'], summary: 'a > b & c < d', matchedRules: ['<!everyone>'] }),
    });
    const json = allText(r.blocks);
    for (const raw of ['<!channel>', '<!here>', '<!everyone>', '<@U123>', '<https://evil.example']) {
      expect(json).not.toContain(raw);
      expect(r.text).not.toContain(raw);
    }
    expect(json).toContain('&lt;!channel&gt; &amp; &lt;https://evil.example|click me&gt;');
    expect(json).toContain('a &gt; b &amp; c &lt; d');
    expect(blocksProblem(r.blocks)).toBeNull();
  });

  it('shows the title linked, first authors then et al., summary, rules, upvotes and links', () => {
    const r = renderMessage({ kind: 'paper', paper: paperView() });
    const json = allText(r.blocks);
    expect(json).toContain('*<https://huggingface.co/papers/2599.00001|Fixture pruning of graph networks>*');
    expect(json).toContain('Ada Fixture, Bob Placeholder, Cy Example et al.');
    expect(json).toContain('A fixture summary about pruning.');
    expect(json).toContain('Matched: pruning');
    expect(json).toContain('▲ 12 upvotes');
    expect(json).toContain('<https://arxiv.org/pdf/2599.00001|PDF>');
  });

  it('keeps an oversized paper within Slack limits', () => {
    const long = 'word & <x> '.repeat(2000);
    const r = renderMessage({
      kind: 'paper',
      paper: paperView({
        title: long,
        summary: long,
        authors: Array.from({ length: 300 }, (_, i) => `Author ${i} <&>`),
        matchedRules: Array.from({ length: 400 }, (_, i) => `rule ${i}`),
      }),
    });
    expect(blocksProblem(r.blocks)).toBeNull();
    expect(r.text.length).toBeLessThanOrEqual(3000);
  });

  it('renders the header as plain text within 150 characters, in the channel timezone', () => {
    const r = renderMessage({ kind: 'header', count: 5, rules: ['pruning', 'graph neural network'], date: '2025-12-09T23:30:00Z', timezone: 'Europe/Berlin' });
    expect(r.blocks).toEqual([{ type: 'header', text: { type: 'plain_text', text: '5 new papers for pruning, graph neural network — Wed 10 Dec' } }]);
    const many = renderMessage({
      kind: 'header',
      count: 3,
      rules: Array.from({ length: 40 }, (_, i) => `rule number ${i}`),
      date: '2025-12-09T08:00:00Z',
      timezone: 'UTC',
    });
    expect(blocksProblem(many.blocks)).toBeNull();
  });

  it('renders the "more" line with the command to type', () => {
    expect(renderMessage({ kind: 'more', remaining: 3 }).text).toBe('and 3 more — `/papers more`');
  });

  it('caps a long command reply at 50 blocks and escapes its text', () => {
    const reply = renderReply({
      blocks: [
        { kind: 'text', lines: [['<!channel> ', { bold: 'a&b' }, ' ', { code: 'x<y' }]] },
        ...Array.from({ length: 60 }, () => ({ kind: 'paper' as const, paper: paperView() })),
      ],
    });
    expect(reply.blocks.length).toBeLessThanOrEqual(50);
    expect(blocksProblem(reply.blocks)).toBeNull();
    expect(allText(reply.blocks[0])).toContain('&lt;!channel&gt; *a&amp;b* `x&lt;y`');
  });

  it('cutAtWord keeps a word that ends exactly at the cut', () => {
    expect(cutAtWord('abcdef gh ijkl', 10)).toBe('abcdef gh…');
  });

  it('fitEscaped never exceeds its budget nor leaves a raw or broken entity', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '&', '<', '>', 'é'), maxLength: 400 }), fc.integer({ min: 5, max: 300 }), (s, max) => {
        const out = fitEscaped(s, max);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(out).not.toMatch(/[<>]/);
        expect(out.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
      }),
    );
  });
});
