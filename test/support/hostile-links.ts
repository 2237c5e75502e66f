import { expect } from 'vitest';

/** Issue #11's list: link values a source may send that must never become markup, a ping or a live link. */
export const HOSTILE_LINKS: readonly string[] = [
  '!channel',
  '!here',
  '!subteam^S1',
  '@U0123',
  '<#C1>',
  'javascript:alert(1)',
  'https://x.test/a|b',
  'https://x.test/<!channel>',
  `https://x.test/${'a'.repeat(5000 - 'https://x.test/'.length)}`,
];

/** Of the list, the ones that are real http(s) URLs of a sane length: kept, but only in a harmless form. */
export const KEPT_LINKS: Record<string, string> = {
  'https://x.test/a|b': 'https://x.test/a|b',
  'https://x.test/<!channel>': 'https://x.test/%3C!channel%3E',
};

/**
 * Slack mrkdwn with no mention, channel link, broadcast or user-group ping:
 * every `<…>` is `<http(s)://url|label>` whose URL has no `|` and is at most
 * 2,000 characters, and nothing `<!`, `<@`, `<#` appears.
 */
export function expectSafeMrkdwn(text: string): void {
  expect(text).not.toMatch(/<[!@#]/);
  for (const m of text.matchAll(/<([^>]*)>/g)) {
    const inner = m[1] ?? '';
    // Slack splits at the first `|`: the URL before it must be whole, the label may hold anything escaped.
    const bar = inner.indexOf('|');
    const url = bar < 0 ? inner : inner.slice(0, bar);
    expect(url, `a Slack link in ${JSON.stringify(text.slice(0, 200))}`).toMatch(/^https?:\/\/[^\s<>|]+$/);
    expect(url.length).toBeLessThanOrEqual(2000);
    expect(bar, `a label follows the URL in <${inner.slice(0, 100)}>`).toBeGreaterThan(0);
  }
}

/** Discord markdown whose links are all http(s) URLs of at most 2,000 characters, and no mention syntax. */
export function expectSafeDiscordMarkdown(text: string): void {
  expect(text).not.toMatch(/(^|[^\\])<[@#!]/);
  expect(text).not.toMatch(/(^|[^\\])@(everyone|here)/);
  for (const m of text.matchAll(/\]\(([^)]*)\)/g)) {
    const url = m[1] ?? '';
    expect(url).toMatch(/^https?:\/\/\S+$/);
    expect(url.length).toBeLessThanOrEqual(2000);
  }
  expect(text).not.toMatch(/javascript:/i);
}
