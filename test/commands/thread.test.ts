import { describe, expect, it } from 'vitest';
import { describeMatch } from '../../src/rules/explain.js';
import { makePaper } from '../support/papers.js';
import { ENGINES, harness, items, links, text, type Harness } from './harness.js';

const paper = makePaper({
  title: 'Structured Pruning of Mixture of Experts',
  abstract: 'We prune experts in large language models. The full abstract goes on with a distinctive second sentence.',
  authors: ['Ada Fixture', 'Bob Placeholder', 'Cy Sample', 'Di Example', 'Ed Stub', 'Flo Dummy'],
  sources: ['hf', 'arxiv'],
  hfDate: '2026-03-09',
  codeUrl: 'https://github.com/fixture/prune',
});
const other = makePaper({ title: 'Another stored paper' });

async function withThread(h: Harness): Promise<void> {
  await h.addPapers([paper, other]);
  await h.stores.threads.record({
    channelId: await h.channelId(),
    paperId: paper.id,
    messageId: 'msg-1',
    threadId: 'thread-1',
    createdAt: '2026-03-09T08:00:00.000Z',
  });
}

describe('thread commands about the thread’s paper', () => {
  it('abstract: the whole abstract under the linked title', async () => {
    const h = harness();
    await withThread(h);
    const r = await h.run('abstract', { threadId: 'thread-1', canManage: false });
    expect(r.ok).toBe(true);
    expect(links(r)).toEqual([{ url: `https://huggingface.co/papers/${paper.id}`, text: paper.title }]);
    expect(text(r)).toContain('distinctive second sentence.');
  });

  it('authors: every author, not only the first few', async () => {
    const h = harness();
    await withThread(h);
    const r = await h.run('authors', { threadId: 'msg-1' });
    expect(text(r)).toContain('6 authors: Ada Fixture, Bob Placeholder, Cy Sample, Di Example, Ed Stub, Flo Dummy');
  });

  it('links: arXiv, PDF, Hugging Face and code', async () => {
    const h = harness();
    await withThread(h);
    const r = await h.run('links', { threadId: 'thread-1' });
    expect(items(r)).toEqual([
      `arXiv: https://arxiv.org/abs/${paper.id}`,
      `PDF: https://arxiv.org/pdf/${paper.id}`,
      `Hugging Face: https://huggingface.co/papers/${paper.id}`,
      'Code: https://github.com/fixture/prune',
    ]);
  });

  it('similar: asks for 5 among the other papers of the last 30 days and lists them with scores', async () => {
    const h = harness();
    await withThread(h);
    await h.addPapers([makePaper({ title: 'Stored 31 days ago' })], '2026-02-07T07:59:59.000Z');
    const r = await h.run('similar', { threadId: 'thread-1' });
    expect(h.similarCalls).toEqual([{ target: paper.id, corpus: [other.id], k: 5 }]);
    expect(items(r)).toEqual([`${other.title} (${other.id}) — similarity 0.90`]);
  });

  it('similar with nothing similar says so', async () => {
    const h = harness({ similar: { similarTo: async () => [] } });
    await withThread(h);
    const r = await h.run(`similar ${paper.id}`);
    expect(r.ok).toBe(true);
    expect(text(r)).toContain('no stored papers similar');
  });
});

describe.each(ENGINES)('/papers why (%s)', (_name, engine) => {
  it('lists each matching rule with its hits', async () => {
    const h = harness({ engine: engine() });
    await withThread(h);
    await h.run('subscribe pruning');
    await h.run('subscribe diffusion');
    const r = await h.run('why', { threadId: 'thread-1' });
    expect(r.ok).toBe(true);
    expect(text(r)).toContain('matches 1 of this channel’s rules');
    const [line, ...rest] = items(r);
    expect(rest).toEqual([]);
    expect(line).toMatch(/^pruning — /);
    expect(line).toContain(`in the title: “${paper.title}”`);
  });

  it('lists several matching rules in the channel’s rule order', async () => {
    const h = harness({ engine: engine() });
    await withThread(h);
    for (const rule of ['experts', 'diffusion', 'pruning']) await h.run(`subscribe ${rule}`);
    const r = await h.run(`why ${paper.id}`);
    expect(text(r)).toContain('matches 2 of this channel’s rules');
    expect(items(r).map((l) => l.split(' ')[0])).toEqual(['experts', 'pruning']);
  });

  it('uses describeMatch when given', async () => {
    const h = harness({ engine: engine(), describeMatch });
    await withThread(h);
    await h.run('subscribe pruning');
    const r = await h.run(`why ${paper.id}`);
    expect(items(r)[0]).toMatch(/^pruning: .*pruning.* in title/i);
  });

  it('says when the paper matches none of the current rules', async () => {
    const h = harness({ engine: engine() });
    await withThread(h);
    await h.run('subscribe diffusion');
    await h.run('subscribe quantum');
    const r = await h.run('why', { threadId: 'thread-1' });
    expect(r.ok).toBe(true);
    expect(text(r)).toContain('matches none of this channel’s 2 current rules');
  });
});

describe('which paper a thread command means', () => {
  it.each([
    ['a bare id', (id: string) => id],
    ['a versioned id', (id: string) => `${id}v3`],
    ['an arXiv: id', (id: string) => `arXiv:${id}`],
    ['an arXiv URL', (id: string) => `https://arxiv.org/abs/${id}v2`],
    ['a PDF URL', (id: string) => `https://arxiv.org/pdf/${id}.pdf`],
    ['a Hugging Face URL', (id: string) => `https://huggingface.co/papers/${id}`],
  ])('outside a thread: %s', async (_name, ref) => {
    const h = harness();
    await withThread(h);
    const r = await h.run(`abstract ${ref(paper.id)}`);
    expect(r.ok).toBe(true);
    expect(links(r)[0]?.text).toBe(paper.title);
  });

  it('an id given inside a thread wins over the thread’s paper', async () => {
    const h = harness();
    await withThread(h);
    const r = await h.run(`abstract ${other.id}`, { threadId: 'thread-1' });
    expect(links(r)[0]?.text).toBe(other.title);
  });

  it.each([
    ['outside a thread without an id', 'why', null, /inside a paper’s thread/],
    ['an unknown paper id', 'why 2599.99999', null, /I have no paper/],
    ['an unknown paper id for similar', 'similar 2599.99999', null, /I have no paper/],
    ['a thread that is not a paper thread', 'authors', 'some-other-thread', /not one of my paper threads/],
  ])('refuses %s', async (_name, command, threadId, says) => {
    const h = harness();
    await withThread(h);
    const r = await h.run(command, { threadId });
    expect(r.ok).toBe(false);
    expect(text(r)).toMatch(says);
  });

  it('looks the thread up on the platform the command came from', async () => {
    const h = harness();
    await withThread(h);
    const r = await h.run('abstract', { threadId: 'thread-1', channel: { platform: 'discord', workspaceId: 'G', channelId: 'C' } });
    expect(r.ok).toBe(false);
  });
});
