import { describe, expect, it } from 'vitest';
import type { RuleEngine } from '../../src/rules/engine.js';
import { createPhraseEngine } from '../support/phrase-engine.js';
import { makePaper } from '../support/papers.js';
import { codes, ENGINES, harness, items, links, text } from './harness.js';

describe.each(ENGINES)('/papers preview (%s)', (_name, engine) => {
  async function seeded() {
    const h = harness({ engine: engine() });
    const titled = [
      makePaper({ title: 'Pruning Large Language Models at Scale', upvotes: 40, sources: ['hf', 'arxiv'] }),
      makePaper({ title: 'Structured Pruning for Vision Transformers', upvotes: 3 }),
    ];
    const inAbstract = Array.from({ length: 5 }, (_, i) =>
      makePaper({ title: `Efficient inference study ${i}`, abstract: `We apply pruning to network ${i}. It helps.` }),
    );
    const unrelated = makePaper({ title: 'Diffusion models for audio', abstract: 'We generate sound.' });
    const old = makePaper({ title: 'Pruning, eight days ago', upvotes: 999 });
    await h.addPapers([...titled, ...inAbstract, unrelated], '2026-03-05T06:00:00.000Z');
    await h.addPapers([old], '2026-03-02T07:59:59.000Z');
    return { h, titled, inAbstract, old };
  }

  it('counts the last 7 days’ matches and shows the best five, title hits first', async () => {
    const { h, titled, old } = await seeded();
    const r = await h.run('preview pruning', { canManage: false });
    expect(r.ok).toBe(true);
    expect(r.ephemeral).toBe(true);
    expect(text(r)).toContain('would have matched 7 papers of the 8 seen in the last 7 days');
    expect(codes(r)[0]).toBe('pruning');
    const shown = items(r);
    expect(shown).toHaveLength(5);
    expect(shown.slice(0, 2).map((l) => l.split(' (')[0])).toEqual(titled.map((p) => p.title));
    for (const line of shown) expect(line.toLowerCase()).toMatch(/matched .*prun/);
    expect(links(r)[0]?.url).toBe(`https://huggingface.co/papers/${titled[0]?.id}`);
    expect(links(r)[1]?.url).toBe(`https://arxiv.org/abs/${titled[1]?.id}`);
    expect(text(r)).not.toContain(old.title);
  });

  it('changes nothing: no channel, no rule', async () => {
    const { h } = await seeded();
    await h.run('preview pruning');
    expect(await h.stores.channels.list()).toEqual([]);
  });

  it('says when nothing matched', async () => {
    const { h } = await seeded();
    const r = await h.run('preview quantum');
    expect(r.ok).toBe(true);
    expect(text(r)).toContain('would have matched 0 papers of the 8 seen');
    expect(items(r)).toEqual([]);
  });
});

describe('/papers preview window', () => {
  it('covers exactly the 7 days before now', async () => {
    const h = harness();
    await h.addPapers([makePaper({ title: 'Pruning at the window start' })], '2026-03-03T08:00:00.000Z');
    await h.addPapers([makePaper({ title: 'Pruning just before it' })], '2026-03-03T07:59:59.999Z');
    await h.addPapers([makePaper({ title: 'Pruning from a day earlier' })], '2026-03-02T08:00:00.000Z');
    const r = await h.run('preview pruning');
    expect(text(r)).toContain('would have matched 1 paper of the 1 seen');
    expect(items(r).map((l) => l.split(' (')[0])).toEqual(['Pruning at the window start']);
  });
});

describe('/papers preview input', () => {
  it('says when there are no recent papers to preview against', async () => {
    const h = harness();
    const r = await h.run('preview pruning');
    expect(text(r)).toMatch(/no papers from the last 7 days/);
  });

  it.each([
    ['preview', /rule is needed/],
    [`preview ${'x'.repeat(250)}`, /250 characters/],
  ])('refuses %#', async (command, says) => {
    const h = harness();
    const r = await h.run(command);
    expect(r.ok).toBe(false);
    expect(text(r)).toMatch(says);
  });

  it('refuses a rule the engine rejects, with its message', async () => {
    const engine: RuleEngine = { check: () => ({ ok: false, message: 'expected a term after "OR" at 5', position: 5 }), compile: createPhraseEngine().compile };
    const h = harness({ engine });
    const r = await h.run('preview (a OR');
    expect(r.ok).toBe(false);
    expect(text(r)).toContain('expected a term after "OR" (at character 6)');
    expect(codes(r)).toEqual(['(a OR', '     ^', '/papers help rules']);
  });
});
