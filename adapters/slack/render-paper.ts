import type { PaperView } from '../../src/chat/reply.js';
import { LIMITS, context, section, type SlackBlock } from './blocks.js';
import { escapeMrkdwn, escapeUrl, fitEscaped, mrkdwnLink } from './escape.js';

const TITLE_MAX = 600;
const AUTHORS_MAX = 600;

export function authorsText(p: PaperView): string {
  return p.authors.join(', ') + (p.moreAuthors > 0 ? ' et al.' : '');
}

/**
 * One paper as Block Kit: linked title and authors, summary, matched rules and
 * upvotes, links. Every string from the paper is escaped, so a title such as
 * "<!channel> & co" shows as text and never pings or links.
 */
export function paperBlocks(p: PaperView): SlackBlock[] {
  const title = `<${escapeUrl(p.url)}|${fitEscaped(p.title, TITLE_MAX)}>`;
  const authors = authorsText(p);
  const blocks: SlackBlock[] = [section(authors ? `*${title}*\n${fitEscaped(authors, AUTHORS_MAX)}` : `*${title}*`)];
  if (p.summary.trim()) blocks.push(section(fitEscaped(p.summary, LIMITS.sectionText)));
  const facts: string[] = [];
  if (p.matchedRules.length) facts.push(`Matched: ${fitEscaped(p.matchedRules.join(', '), LIMITS.contextText - 9)}`);
  if (p.upvotes !== null) facts.push(`▲ ${p.upvotes} upvote${p.upvotes === 1 ? '' : 's'}`);
  if (facts.length) blocks.push(context(...facts));
  const links = p.links.map((l) => mrkdwnLink(l.url, l.label)).join('  ·  ');
  if (links) blocks.push(context(links.length <= LIMITS.contextText ? links : escapeMrkdwn(p.url)));
  return blocks;
}

/** The notification line: what a phone shows before the blocks render. */
export function paperFallback(p: PaperView): string {
  const authors = authorsText(p);
  return fitEscaped(authors ? `${p.title} — ${authors}` : p.title, LIMITS.fallbackText);
}
