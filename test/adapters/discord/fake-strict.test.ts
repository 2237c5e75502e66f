import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { snowflakeAt, FakeDiscord } from '../../support/fake-discord.js';

/** The fake must refuse what Discord refuses, or the adapter's tests prove nothing about these rules. */
let fake: FakeDiscord;
let n = 0;
beforeEach(async () => {
  fake = await new FakeDiscord().start();
});
afterEach(() => fake.stop());

// Ids are snowflakes made now: the fake holds the first answer to Discord's 3 seconds from it.
const interaction = (type: number) => ({ id: snowflakeAt(Date.now(), ++n), token: `t${n}`, type });
const code = (r: { body: unknown } | null): unknown => (r ? (r.body as { code?: unknown }).code : null);
const buttons = (count: number, over: Record<string, unknown> = {}) => ({
  type: 1,
  components: Array.from({ length: count }, (_, i) => ({ type: 2, style: 2, label: 'Ok', custom_id: `b${i}`, ...over })),
});

describe('the fake Discord refuses what Discord refuses', () => {
  it('one initial response per interaction (40060 the second time)', () => {
    const i = interaction(2);
    expect(fake.acceptHttpResponse(i, { type: 4, data: { content: 'hi' } })).toBeNull();
    expect(code(fake.acceptHttpResponse(i, { type: 4, data: { content: 'again' } }))).toBe(40060);
  });

  it('type 8 answers autocomplete only, with at most 25 choices of at most 100 characters', () => {
    const choices = (k: number, name = 'x') => Array.from({ length: k }, (_, i) => ({ name: `${name}${i}`, value: String(i) }));
    expect(code(fake.acceptHttpResponse(interaction(2), { type: 8, data: { choices: choices(1) } }))).toBe(50035);
    expect(code(fake.acceptHttpResponse(interaction(3), { type: 8, data: { choices: choices(1) } }))).toBe(50035);
    expect(fake.acceptHttpResponse(interaction(4), { type: 8, data: { choices: choices(25) } })).toBeNull();
    expect(code(fake.acceptHttpResponse(interaction(4), { type: 8, data: { choices: choices(26) } }))).toBe(50035);
    expect(code(fake.acceptHttpResponse(interaction(4), { type: 8, data: { choices: choices(1, 'n'.repeat(100)) } }))).toBe(50035);
    expect(code(fake.acceptHttpResponse(interaction(4), { type: 4, data: { content: 'not a list' } }))).toBe(50035);
  });

  it('components: 5 rows of 5 buttons, custom_id up to 100 and unique, labels up to 80', () => {
    const ok = (components: unknown[]) => fake.acceptHttpResponse(interaction(2), { type: 4, data: { content: 'c', components } });
    expect(
      ok(Array.from({ length: 5 }, (_, r) => ({ ...buttons(5), components: buttons(5).components.map((b) => ({ ...b, custom_id: `${r}-${b.custom_id}` })) }))),
    ).toBeNull();
    expect(code(ok(Array.from({ length: 6 }, () => buttons(1))))).toBe(50035);
    expect(code(ok([buttons(6)]))).toBe(50035);
    expect(code(ok([buttons(1, { custom_id: 'x'.repeat(101) })]))).toBe(50035);
    expect(code(ok([buttons(1, { label: 'l'.repeat(81) })]))).toBe(50035);
    expect(code(ok([buttons(2, { custom_id: 'same' })]))).toBe(50035);
  });

  it('modals: a title of at most 45 characters and at most 5 rows of one text input', () => {
    const input = { type: 1, components: [{ type: 4, custom_id: 'rule', label: 'Rule', style: 1 }] };
    const modal = (over: Record<string, unknown>) =>
      fake.acceptHttpResponse(interaction(2), { type: 9, data: { custom_id: 'm', title: 'Form', components: [input], ...over } });
    expect(modal({})).toBeNull();
    expect(code(modal({ title: 't'.repeat(46) }))).toBe(50035);
    expect(code(modal({ components: Array.from({ length: 6 }, () => input) }))).toBe(50035);
    expect(code(fake.acceptHttpResponse(interaction(4), { type: 9, data: { custom_id: 'm', title: 'Form', components: [input] } }))).toBe(50035);
  });
});
