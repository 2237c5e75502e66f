import { describe, expect, it } from 'vitest';
import type { RuleEngine } from '../../src/rules/engine.js';
import { createPhraseEngine } from '../support/phrase-engine.js';
import { codes, harness, items, text } from './harness.js';

describe('/papers subscribe', () => {
  it('stores the rule as written, trimmed, with its quotes, and says so', async () => {
    const h = harness();
    const r = await h.run('subscribe   "mixture of experts" -survey  ');
    expect(r.ok).toBe(true);
    expect(r.ephemeral).toBe(true);
    const rules = await h.stores.rules.list(await h.channelId());
    expect(rules.map((x) => [x.text, x.addedBy, x.addedAt])).toEqual([['"mixture of experts" -survey', 'U-ADA', '2026-03-10T08:00:00.000Z']]);
    expect(codes(r)).toContain('"mixture of experts" -survey');
    expect(text(r)).toContain(`id ${rules[0]?.id}`);
  });

  it('keeps rule text out of markup: it travels as a code part, never spliced into a string', async () => {
    const h = harness();
    const r = await h.run('subscribe <!channel> *bold*');
    expect(r.ok).toBe(true);
    expect(codes(r)).toContain('<!channel> *bold*');
    const strings = r.blocks.flatMap((b) => (b.kind === 'text' ? b.lines.flat() : [])).filter((p): p is string => typeof p === 'string');
    expect(strings.join('')).not.toContain('<!channel>');
  });

  const badInput: { name: string; setup?: string[]; command: string; says: RegExp }[] = [
    { name: 'empty rule', command: 'subscribe', says: /rule is needed/ },
    { name: 'blank rule', command: 'subscribe    ', says: /rule is needed/ },
    { name: 'rule over 200 characters', command: `subscribe ${'a'.repeat(201)}`, says: /201 characters.*at most 200/ },
    { name: 'duplicate rule, any case', setup: ['subscribe Pruning'], command: 'subscribe pRUNING', says: /already has the rule/ },
  ];
  it.each(badInput)('refuses $name and changes nothing', async ({ setup = [], command, says }) => {
    const h = harness();
    for (const s of setup) expect((await h.run(s)).ok).toBe(true);
    const before = await h.stores.rules.list(await h.channelId());
    const r = await h.run(command);
    expect(r.ok).toBe(false);
    expect(text(r)).toMatch(says);
    expect(await h.stores.rules.list(await h.channelId())).toEqual(before);
  });

  it('accepts a rule of exactly 200 characters', async () => {
    const h = harness();
    expect((await h.run(`subscribe ${'a'.repeat(200)}`)).ok).toBe(true);
  });

  it('refuses a 51st rule in one channel, but another channel still has room', async () => {
    const h = harness();
    for (let i = 0; i < 50; i++) expect((await h.run(`subscribe topic${i}`)).ok).toBe(true);
    const r = await h.run('subscribe one too many');
    expect(r.ok).toBe(false);
    expect(text(r)).toMatch(/50 rules/);
    expect(await h.stores.rules.list(await h.channelId())).toHaveLength(50);
    const other = await h.run('subscribe one too many', { channel: { platform: 'slack', workspaceId: 'T-FIXTURE', channelId: 'C-OTHER' } });
    expect(other.ok).toBe(true);
  });

  it('two subscribes at once on a channel with room for one: exactly one lands', async () => {
    const h = harness();
    for (let i = 0; i < 49; i++) expect((await h.run(`subscribe topic${i}`)).ok).toBe(true);
    const both = await Promise.all([h.run('subscribe first of two'), h.run('subscribe second of two')]);
    expect(both.map((r) => r.ok).sort()).toEqual([false, true]);
    expect(text(both.find((r) => !r.ok)!)).toMatch(/50 rules/);
    expect(await h.stores.rules.list(await h.channelId())).toHaveLength(50);
  });

  it('shows the engine’s message and a caret under the position it reports', async () => {
    const base = createPhraseEngine();
    const engine: RuleEngine = { check: () => ({ ok: false, message: 'unclosed quote', position: 8 }), compile: base.compile };
    const h = harness({ engine });
    const r = await h.run('subscribe pruning "oops');
    expect(r.ok).toBe(false);
    expect(text(r)).toContain('unclosed quote');
    expect(text(r)).toContain('character 9');
    expect(codes(r)).toContain('pruning "oops');
    expect(codes(r)).toContain('        ^');
    expect(await h.stores.rules.list(await h.channelId())).toEqual([]);
  });
});

describe('/papers unsubscribe', () => {
  it('removes by text, case-insensitively, or by id', async () => {
    const h = harness();
    await h.run('subscribe pruning');
    await h.run('subscribe "graph neural network"');
    const [first, second] = await h.stores.rules.list(await h.channelId());
    const byText = await h.run('unsubscribe PRUNING');
    expect(byText.ok).toBe(true);
    expect(codes(byText)).toContain('pruning');
    const byId = await h.run(`unsubscribe ${second?.id}`);
    expect(byId.ok).toBe(true);
    expect(codes(byId)).toContain('"graph neural network"');
    expect(await h.stores.rules.list(await h.channelId())).toEqual([]);
    expect(first).toBeDefined();
  });

  it('an id wins over a rule whose text is that number', async () => {
    const h = harness();
    await h.run('subscribe pruning');
    await h.run('subscribe diffusion');
    const [pruning, diffusion] = await h.stores.rules.list(await h.channelId());
    await h.run(`subscribe ${diffusion?.id}`);
    const r = await h.run(`unsubscribe ${diffusion?.id}`);
    expect(codes(r)).toContain('diffusion');
    expect((await h.stores.rules.list(await h.channelId())).map((x) => x.text)).toEqual([pruning?.text, String(diffusion?.id)]);
  });

  it.each([
    ['a rule the channel does not have', 'unsubscribe transformers', /no rule/],
    ['an id of another channel’s rule', 'unsubscribe OTHER_ID', /no rule/],
    ['nothing at all', 'unsubscribe', /which rule/],
  ])('refuses %s and changes nothing', async (_name, command, says) => {
    const h = harness();
    await h.run('subscribe pruning');
    await h.run('subscribe diffusion', { channel: { platform: 'slack', workspaceId: 'T-FIXTURE', channelId: 'C-OTHER' } });
    const other = await h.stores.channels.find({ platform: 'slack', workspaceId: 'T-FIXTURE', channelId: 'C-OTHER' });
    const otherRule = (await h.stores.rules.list(other?.id ?? -1))[0];
    const r = await h.run(command.replace('OTHER_ID', String(otherRule?.id)));
    expect(r.ok).toBe(false);
    expect(text(r)).toMatch(says);
    expect((await h.stores.rules.list(await h.channelId())).map((x) => x.text)).toEqual(['pruning']);
    expect((await h.stores.rules.list(other?.id ?? -1)).map((x) => x.text)).toEqual(['diffusion']);
  });
});

describe('/papers list', () => {
  it('shows each rule with id, who added it and when, and the default schedule', async () => {
    const h = harness();
    await h.run('subscribe pruning');
    h.clock.set('2026-03-11T09:00:00.000Z');
    await h.run('subscribe diffusion -survey', { userId: 'U-BOB', userName: 'Bob' });
    const rules = await h.stores.rules.list(await h.channelId());
    const r = await h.run('list');
    expect(r.ok).toBe(true);
    expect(items(r)).toEqual([`${rules[0]?.id}. pruning — added by you on 2026-03-10`, `${rules[1]?.id}. diffusion -survey — added by U-BOB on 2026-03-11`]);
    expect(text(r)).toContain('08:00 (UTC), the default, at most 10 papers at a time');
    expect(text(r)).not.toMatch(/paused/i);
  });

  it('shows a set schedule and a pause with its reason', async () => {
    const h = harness();
    await h.run('subscribe pruning');
    await h.run('schedule 07:15 Asia/Tokyo');
    await h.stores.channels.setPaused(await h.channelId(), true, 'Slack: channel archived');
    const r = await h.run('list', { canManage: false });
    expect(text(r)).toContain('07:15 (Asia/Tokyo)');
    expect(text(r)).toContain('Paused: Slack: channel archived');
  });

  it('shows the learning and recap settings', async () => {
    const h = harness();
    await h.run('subscribe pruning');
    expect(text(await h.run('list'))).toContain('Learning from reactions on; no weekly recap.');
    await h.run('threshold 0.4');
    await h.run('recap on monday 09:00');
    await h.run('learn off');
    expect(text(await h.run('list'))).toContain('Learning from reactions off, threshold 0.4; weekly recap Mondays at 09:00.');
  });

  it('answers for a channel it has never seen, without creating it', async () => {
    const h = harness();
    const r = await h.run('list');
    expect(r.ok).toBe(true);
    expect(text(r)).toContain('No rules yet');
    expect(await h.stores.channels.list()).toEqual([]);
  });
});
