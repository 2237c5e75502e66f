import { describe, expect, it } from 'vitest';
import { codes, harness, items, RULES_HELP, text } from './harness.js';

const ALL = [
  'subscribe',
  'unsubscribe',
  'list',
  'preview',
  'digest',
  'more',
  'schedule',
  'pause',
  'resume',
  'learn',
  'threshold',
  'emoji',
  'recap',
  'help',
  'abstract',
  'authors',
  'links',
  'similar',
  'why',
];

describe('/papers help', () => {
  it('lists every subcommand with its usage, marking the managing ones', async () => {
    const h = harness();
    const r = await h.run('help');
    expect(r.ok).toBe(true);
    const listed = items(r);
    for (const name of ALL) expect(listed.some((l) => l.startsWith(`/papers ${name}`))).toBe(true);
    expect(listed.filter((l) => l.endsWith('(managers)')).map((l) => l.split(' ')[1])).toEqual([
      'subscribe',
      'unsubscribe',
      'schedule',
      'pause',
      'resume',
      'learn',
      'threshold',
      'emoji',
      'recap',
    ]);
  });

  it('an empty command is help', async () => {
    const h = harness();
    expect(items(await h.run(''))).toEqual(items(await h.run('help')));
  });

  it('help rules is the rule language text it was given', async () => {
    const h = harness();
    expect(text(await h.run('help rules'))).toBe(RULES_HELP);
  });

  it('help on one command, and a suggestion for a mistyped topic', async () => {
    const h = harness();
    expect(codes(await h.run('help schedule'))).toContain('/papers schedule <HH:MM> [timezone]');
    const r = await h.run('help rulez');
    expect(r.ok).toBe(false);
    expect(codes(r)).toContain('/papers help rules');
  });
});

describe('unknown subcommands', () => {
  it.each([
    ['subscibe pruning', 'subscribe'],
    ['unsubscirbe 3', 'unsubscribe'],
    ['lsit', 'list'],
    ['shcedule 09:00', 'schedule'],
    ['Previw x', 'preview'],
  ])('%j → did you mean %s?', async (command, suggestion) => {
    const h = harness();
    const r = await h.run(command);
    expect(r.ok).toBe(false);
    expect(text(r)).toContain('did you mean');
    expect(codes(r)).toContain(suggestion);
    expect(await h.stores.channels.list()).toEqual([]);
  });

  it('with nothing close, lists the commands', async () => {
    const h = harness();
    const r = await h.run('frobnicate');
    expect(r.ok).toBe(false);
    expect(text(r)).not.toContain('did you mean');
    expect(text(r)).toContain('subscribe, unsubscribe, list');
  });
});

describe('unexpected failures', () => {
  it('are answered briefly and logged, never thrown', async () => {
    const h = harness();
    h.digest.fail = new Error('database is locked');
    await h.run('subscribe pruning');
    const r = await h.run('digest');
    expect(r.ok).toBe(false);
    expect(text(r)).toMatch(/Something went wrong/);
    expect(text(r)).not.toContain('database is locked');
    expect(h.errors).toHaveLength(1);
  });

  it('a store that throws does not escape handle', async () => {
    const h = harness();
    await h.run('subscribe pruning');
    h.stores.rules.list = () => Promise.reject(new Error('disk I/O error'));
    await expect(h.run('list')).resolves.toMatchObject({ ok: false });
  });
});
