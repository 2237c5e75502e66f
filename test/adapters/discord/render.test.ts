import { ChannelType } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordPort } from '../../../adapters/discord/port.js';
import { paperEmbed } from '../../../adapters/discord/render-paper.js';
import { renderReply } from '../../../adapters/discord/render-reply.js';
import { createRest } from '../../../adapters/discord/rest.js';
import { fit as fitText } from '../../../adapters/discord/text.js';
import { silentLogger } from '../../../src/log.js';
import { FakeDiscord, invalidMessage } from '../../support/fake-discord.js';
import { discordChannel, key, paperMessage, view } from './helpers.js';

const words = (n: number, w = 'token'): string => Array.from({ length: n }, (_, i) => `${w}${i}`).join(' ');

const huge = view({
  title: words(120, 'Title'),
  summary: words(3000, 'summary'),
  authors: Array.from({ length: 400 }, (_, i) => `Author Number${i}`),
  moreAuthors: 250,
  matchedRules: Array.from({ length: 300 }, (_, i) => `rule-${i}`),
  links: Array.from({ length: 100 }, (_, i) => ({ label: `Link ${i}`, url: `https://example.org/${'x'.repeat(40)}/${i}` })),
});

describe('paper embed', () => {
  it('fits a huge paper within every Discord embed limit, cutting text at a word', () => {
    const e = paperEmbed(huge);
    expect(e.title?.length).toBeLessThanOrEqual(256);
    expect(e.title).toMatch(/Title\d+…$/);
    expect(e.description?.length).toBeLessThanOrEqual(4096);
    expect(e.description).toMatch(/summary\d+…$/);
    expect(e.fields?.length).toBeLessThanOrEqual(25);
    for (const f of e.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(1024);
    expect(invalidMessage({ embeds: [e] })).toBeNull();
  });

  it('is accepted by the fake Discord, which rejects an over-long embed with 50035', async () => {
    const fake = await new FakeDiscord().start();
    try {
      const ch = fake.addChannel({ type: ChannelType.GuildText });
      const port = createDiscordPort({ rest: createRest(fake.token, fake.api), logger: silentLogger() });
      await port.send(discordChannel(ch.id), { kind: 'paper', paper: huge }, { idempotencyKey: key(), maybeSent: false });
      expect(fake.messagesIn(ch.id)).toHaveLength(1);
      expect(fake.threads[0]?.name?.length).toBeLessThanOrEqual(100);
      // The fake's check is real: the same paper unshortened is refused.
      expect(invalidMessage({ embeds: [{ title: huge.title, description: huge.summary }] })).toMatchObject({ status: 400, body: { code: 50035 } });
    } finally {
      await fake.stop();
    }
  });

  it('shows authors, matched rules, links and upvotes', () => {
    const e = paperEmbed(view({ upvotes: 7, matchedRules: ['pruning', 'sparsity'], moreAuthors: 3 }));
    const byName = Object.fromEntries((e.fields ?? []).map((f) => [f.name, f.value]));
    expect(byName.Authors).toBe('Ada Fixture, Bob Placeholder et al. (+3)');
    expect(byName['Matched rules']).toBe('pruning, sparsity');
    expect(byName.Upvotes).toBe('▲ 7');
    expect(byName.Links).toBe('[arXiv](https://arxiv.org/abs/2599.00001) · [PDF](https://arxiv.org/pdf/2599.00001)');
    expect(e.url).toBe('https://huggingface.co/papers/2599.00001');
  });
});

describe('mentions', () => {
  let fake: FakeDiscord;
  beforeEach(async () => {
    fake = await new FakeDiscord().start();
  });
  afterEach(() => fake.stop());

  it('posts a title with @everyone with no mentions allowed, and escapes it in text', async () => {
    const ch = fake.addChannel({ type: ChannelType.GuildText });
    const port = createDiscordPort({ rest: createRest(fake.token, fake.api), logger: silentLogger() });
    await port.send(discordChannel(ch.id), paperMessage({ title: '@everyone look: <@&123> pruning', summary: 'Hi @here and @everyone.' }), {
      idempotencyKey: key(),
      maybeSent: false,
    });
    await port.send(
      discordChannel(ch.id),
      { kind: 'header', count: 1, rules: ['@everyone'], date: '2026-03-10T08:00:00Z', timezone: 'UTC' },
      { idempotencyKey: key(), maybeSent: false },
    );
    const [paper, header] = fake.messagesIn(ch.id);
    expect(paper?.allowed_mentions).toEqual({ parse: [] });
    expect(header?.allowed_mentions).toEqual({ parse: [] });
    expect(paper?.embeds[0]?.description).toBe('Hi \\@here and \\@everyone.');
    expect(header?.content).toContain('\\@everyone');
    expect(header?.content).not.toMatch(/(^|[^\\])@everyone/);
  });
});

describe('replies and text', () => {
  it('cuts long content at a word and keeps line breaks', () => {
    const text = `first line\n${words(500)}`;
    const out = fitText(text, 2000);
    expect(out.length).toBeLessThanOrEqual(2000);
    expect(out.startsWith('first line\n')).toBe(true);
    expect(out).toMatch(/token\d+…$/);
  });

  it('renders a reply with many papers as at most 10 embeds within 6000 characters, counting the rest', () => {
    const papers = Array.from({ length: 14 }, (_, i) => ({ kind: 'paper' as const, paper: view({ id: `2599.0${i}`, summary: words(120) }) }));
    const body = renderReply({ ok: true, ephemeral: true, blocks: [{ kind: 'text', lines: [['Preview of ', { bold: 'pruning' }]] }, ...papers] });
    expect(body.flags).toBe(64);
    expect(body.embeds?.length).toBeLessThanOrEqual(10);
    expect(invalidMessage(body as unknown as Record<string, unknown>)).toBeNull();
    const shown = body.embeds?.length ?? 0;
    expect(body.content).toContain(`…and ${14 - shown} more not shown.`);
    expect(body.content?.startsWith('Preview of **pruning**')).toBe(true);
  });
});
