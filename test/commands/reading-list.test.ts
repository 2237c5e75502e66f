import { describe, expect, it } from 'vitest';
import { makePaper } from '../support/papers.js';
import { codes, harness, items, text } from './harness.js';

const attention = makePaper({
  id: '1706.03762',
  title: 'Attention Is All You Need',
  authors: ['Ashish Vaswani', 'Noam Shazeer'],
  publishedAt: '2017-06-12T17:57:34.000Z',
  categories: ['cs.CL'],
});
const pruning = makePaper({ id: '2599.00002', title: 'Pruning & Friends', authors: ['Ada Fixture'], publishedAt: '2026-03-09T00:00:00.000Z' });

describe('/papers cite', () => {
  it('answers the BibTeX entry as a code block, by id or inside the paper’s thread', async () => {
    const h = harness();
    await h.addPapers([attention]);
    const r = await h.run('cite arXiv:1706.03762v5', { canManage: false });
    expect(r.ok).toBe(true);
    const code = r.blocks.find((b) => b.kind === 'code');
    expect(code && code.kind === 'code' ? code.text : '').toMatch(
      /^@misc\{vaswani2017attention,\n {2}title = \{\{Attention\} \{Is\} \{All\} \{You\} \{Need\}\},/,
    );
    await h.stores.threads.record({
      channelId: await h.channelId(),
      paperId: attention.id,
      messageId: 'm1',
      threadId: 't1',
      createdAt: '2026-03-09T08:00:00.000Z',
    });
    expect(text(await h.run('cite', { threadId: 't1' }))).toContain('eprint = {1706.03762}');
    const missing = await h.run('cite 2599.99999');
    expect(missing.ok).toBe(false);
    expect(codes(missing)).toContain('2599.99999');
  });
});

describe('the reading list: save, saved, saved bibtex, unsave', () => {
  it('is per person and per workspace, newest first', async () => {
    const h = harness();
    await h.addPapers([attention, pruning]);
    expect((await h.run('save 1706.03762')).ok).toBe(true);
    h.clock.advance(60_000);
    expect(text(await h.run('save 2599.00002'))).toContain('is on your reading list now');
    expect(text(await h.run('save 2599.00002'))).toContain('was already on your reading list');
    const mine = await h.run('saved', { canManage: false });
    expect(items(mine).map((i) => i.split(' (')[0])).toEqual(['Pruning & Friends', 'Attention Is All You Need']);
    // Someone else, and the same person in another workspace, have their own lists.
    expect(text(await h.run('saved', { userId: 'U-BOB' }))).toContain('Your reading list is empty');
    expect(text(await h.run('saved', { channel: { platform: 'slack', workspaceId: 'T-OTHER', channelId: 'C-FIXTURE' } }))).toContain('empty');
    // Another channel of the same workspace shows the same list.
    expect(items(await h.run('saved', { channel: { platform: 'slack', workspaceId: 'T-FIXTURE', channelId: 'C-ELSE' } }))).toHaveLength(2);
  });

  it('saved bibtex: one .bib file with every saved paper, specials escaped', async () => {
    const h = harness();
    await h.addPapers([attention, pruning]);
    await h.run('save 1706.03762');
    h.clock.advance(1000);
    await h.run('save 2599.00002');
    const r = await h.run('saved bibtex');
    expect(r.attachment?.filename).toBe('paperboy-saved.bib');
    const bib = r.attachment?.content ?? '';
    expect([...bib.matchAll(/^@misc\{([^,]+),/gm)].map((m) => m[1])).toEqual(['fixture2026pruning', 'vaswani2017attention']);
    expect(bib).toContain('title = {{Pruning} \\& {Friends}}');
    expect((await h.run('saved nonsense')).ok).toBe(false);
  });

  it('unsave takes one off; an id not on the list is refused', async () => {
    const h = harness();
    await h.addPapers([attention, pruning]);
    await h.run('save 1706.03762');
    await h.run('save 2599.00002');
    expect((await h.run('unsave https://arxiv.org/abs/1706.03762v2')).ok).toBe(true);
    expect(items(await h.run('saved'))).toHaveLength(1);
    const again = await h.run('unsave 1706.03762');
    expect(again.ok).toBe(false);
    expect(text(again)).toContain('is not on your reading list');
    expect((await h.run('unsave')).ok).toBe(false);
  });
});
