import { safeHttpUrl } from '../util/safe-url.js';

/**
 * Platform-neutral rich text. Adapters render it in their own markup and
 * escape every plain string, so paper text can never become a mention or a link.
 */
export type Inline = string | { bold: string } | { code: string } | { link: { url: string; text: string } };

export type Line = Inline[];

export type ReplyBlock =
  | { kind: 'text'; lines: Line[] }
  | { kind: 'list'; items: Line[] }
  | { kind: 'paper'; paper: PaperView }
  /** Preformatted text to copy as is (a BibTeX entry): a code block where the platform has one. */
  | { kind: 'code'; text: string };

/** What a command answers. `ephemeral` replies go only to the person who asked. */
export interface Reply {
  ok: boolean;
  ephemeral: boolean;
  blocks: ReplyBlock[];
  /** A text file sent with the answer (Slack: a file upload; Discord: an attachment; console: printed). */
  attachment?: ReplyAttachment;
}

export interface ReplyAttachment {
  filename: string;
  content: string;
}

/** Everything a post about one paper shows, already chosen and shortened by the core. */
export interface PaperView {
  id: string;
  title: string;
  url: string;
  /** First few authors, in order; `moreAuthors` counts the rest ("et al."). */
  authors: string[];
  moreAuthors: number;
  summary: string;
  matchedRules: string[];
  links: { label: string; url: string }[];
  upvotes: number | null;
  publishedAt: string;
  categories: string[];
  /** A figure to show with the post (https:, a Hugging Face host), or null. */
  imageUrl: string | null;
}

export function inlineText(part: Inline): string {
  if (typeof part === 'string') return part;
  if ('bold' in part) return part.bold;
  if ('code' in part) return part.code;
  return part.link.text;
}

export function lineText(line: Line): string {
  return line.map(inlineText).join('');
}

export function paperPlainText(p: PaperView): string {
  const authors = p.authors.join(', ') + (p.moreAuthors > 0 ? ' et al.' : '');
  const out = [p.title];
  if (authors) out.push(`  ${authors}`);
  const url = safeHttpUrl(p.url);
  if (url) out.push(`  ${url}`);
  out.push(`  ${p.summary}`);
  if (p.matchedRules.length) out.push(`  matched: ${p.matchedRules.join(', ')}`);
  if (p.upvotes !== null) out.push(`  ▲ ${p.upvotes}`);
  return out.join('\n');
}

/** Plain-text rendering: the console channel, and the notification fallback of rich posts. */
export function replyPlainText(reply: Pick<Reply, 'blocks'>): string {
  return reply.blocks
    .map((b) => {
      if (b.kind === 'text') return b.lines.map(lineText).join('\n');
      if (b.kind === 'list') return b.items.map((i) => `• ${lineText(i)}`).join('\n');
      if (b.kind === 'code') return b.text;
      return paperPlainText(b.paper);
    })
    .join('\n\n');
}

export function textReply(text: string, opts: { ok?: boolean; ephemeral?: boolean } = {}): Reply {
  return {
    ok: opts.ok ?? true,
    ephemeral: opts.ephemeral ?? true,
    blocks: [{ kind: 'text', lines: text.split('\n').map((l) => [l]) }],
  };
}
