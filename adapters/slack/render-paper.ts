import type { PaperView } from '../../src/chat/reply.js';
import { ACTION_LABELS, PAPER_ACTIONS } from '../../src/interact/types.js';
import { safeHttpUrl } from '../../src/util/safe-url.js';
import { PAPER_ACTIONS_BLOCK, paperActionId } from './actions.js';
import { LIMITS, button, context, section, type SlackBlock } from './blocks.js';
import { cutAtWord, escapeMrkdwn, fitEscaped, mrkdwnLink, mrkdwnLinkEscaped } from './escape.js';

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
  const title = mrkdwnLinkEscaped(p.url, fitEscaped(p.title, TITLE_MAX));
  const authors = authorsText(p);
  const head = section(authors ? `*${title}*\n${fitEscaped(authors, AUTHORS_MAX)}` : `*${title}*`);
  // The figure sits beside the title; alt_text (plain, never parsed) is the title for screen readers.
  if (p.imageUrl && head.type === 'section') {
    head.accessory = { type: 'image', image_url: p.imageUrl, alt_text: cutAtWord(p.title || p.id, LIMITS.altText) };
  }
  const blocks: SlackBlock[] = [head];
  if (p.summary.trim()) blocks.push(section(fitEscaped(p.summary, LIMITS.sectionText)));
  const facts: string[] = [];
  if (p.matchedRules.length) facts.push(`Matched: ${fitEscaped(p.matchedRules.join(', '), LIMITS.contextText - 9)}`);
  if (p.upvotes !== null) facts.push(`▲ ${p.upvotes} upvote${p.upvotes === 1 ? '' : 's'}`);
  if (facts.length) blocks.push(context(...facts));
  // A link whose URL is not http(s) is left out altogether: a label with nothing behind it says nothing.
  const links = p.links
    .filter((l) => safeHttpUrl(l.url))
    .map((l) => mrkdwnLink(l.url, l.label))
    .join('  ·  ');
  if (links) blocks.push(context(links.length <= LIMITS.contextText ? links : escapeMrkdwn(safeHttpUrl(p.url) ?? p.id)));
  return blocks;
}

/** Relevant, Not for us, Why?, Cite, Save: each carries the paper id, which the core checks on a press. */
export function paperActions(p: PaperView): SlackBlock {
  return {
    type: 'actions',
    block_id: PAPER_ACTIONS_BLOCK,
    elements: PAPER_ACTIONS.map((a) => button(paperActionId(a), ACTION_LABELS[a], p.id, a === 'relevant' ? 'primary' : undefined)),
  };
}

/** The notification line: what a phone shows before the blocks render. */
export function paperFallback(p: PaperView): string {
  const authors = authorsText(p);
  return fitEscaped(authors ? `${p.title} — ${authors}` : p.title, LIMITS.fallbackText);
}
