import { describe, expect, it } from 'vitest';
import { renderConsoleMessage } from '../../adapters/console/render.js';
import { renderMessage as discordMessage } from '../../adapters/discord/render-message.js';
import { renderReply as discordReply } from '../../adapters/discord/render-reply.js';
import { renderMessage as slackMessage } from '../../adapters/slack/render-message.js';
import { renderReply as slackReply } from '../../adapters/slack/render-reply.js';
import { replyPlainText, type PaperView, type Reply } from '../../src/chat/reply.js';
import { paperView } from '../../src/digest/paper-view.js';
import { harness } from '../commands/harness.js';
import { expectSafeDiscordMarkdown, expectSafeMrkdwn, HOSTILE_LINKS } from '../support/hostile-links.js';
import { fixtureView } from '../support/paper-views.js';
import { makePaper } from '../support/papers.js';

/*
 * Issue #11, point 1: a link that reached the store or a view by any road
 * (an older row, another source) is checked again where it is rendered, on
 * every platform, in posts and in `/papers links`.
 */

/** Everything Slack would parse as mrkdwn in a rendered message. */
function slackTexts(r: { text: string; blocks: unknown[] }): string[] {
  const out = [r.text];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(r.blocks);
  return out;
}

function discordTexts(body: { content?: string; embeds?: unknown[] }): string[] {
  return [body.content ?? '', JSON.stringify(body.embeds ?? []).replace(/\\"/g, '"')];
}

const HOSTILE_PAPERS = HOSTILE_LINKS.map((url, i) =>
  makePaper({ id: `2599.${String(10 + i).padStart(5, '0')}`, codeUrl: url, projectUrl: url, sources: ['hf', 'arxiv'], hfDate: '2026-03-09' }),
);

const hostileViews = (): PaperView[] => [
  ...HOSTILE_PAPERS.map((p) => paperView(p, ['pruning'])),
  // A view built by hand: the renderers must not trust the core's filtering either.
  ...HOSTILE_LINKS.map((url) => fixtureView({ url, links: [{ label: 'Code', url }] })),
];

describe('hostile links in digest posts (issue #11, point 1)', () => {
  it('the core keeps only http(s) links of a paper', () => {
    for (const p of HOSTILE_PAPERS) {
      for (const l of paperView(p, []).links) expect(l.url).toMatch(/^https?:\/\/[^\s<>]{1,2000}$/);
    }
  });

  it('Slack: no ping, mention, channel link or non-http link', () => {
    for (const paper of hostileViews()) for (const t of slackTexts(slackMessage({ kind: 'paper', paper }))) expectSafeMrkdwn(t);
  });

  it('Discord: only http(s) links', () => {
    for (const paper of hostileViews()) for (const t of discordTexts(discordMessage({ kind: 'paper', paper }))) expectSafeDiscordMarkdown(t);
  });

  it('console: only http(s) links are printed', () => {
    for (const paper of hostileViews()) {
      const out = renderConsoleMessage({ kind: 'paper', paper });
      const links = /\n {2}links: (.*)$/.exec(out)?.[1] ?? '';
      for (const entry of links ? links.split(' · ') : []) expect(entry).toMatch(/^[\w ]+ https?:\/\/[^\s<>]{1,2000}$/);
      for (const bad of ['<!channel>', '!here', '!subteam', '@U0123', '<#C1>', 'javascript:', 'a'.repeat(2500)]) expect(out).not.toContain(bad);
    }
  });
});

describe('/papers links with hostile stored links (issue #11, point 1)', () => {
  it('answers with only http(s) links, rendered safely on Slack and Discord', async () => {
    const h = harness();
    await h.addPapers(HOSTILE_PAPERS);
    for (const p of HOSTILE_PAPERS) {
      const reply: Reply = await h.run(`links ${p.id}`);
      expect(reply.ok).toBe(true);
      for (const t of slackTexts(slackReply(reply))) expectSafeMrkdwn(t);
      for (const t of discordTexts(discordReply(reply))) expectSafeDiscordMarkdown(t);
      expect(replyPlainText(reply)).not.toMatch(/<[!@#]|(^|\s)[!@]|javascript:|a{2000}/m);
    }
  });
});
