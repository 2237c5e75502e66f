import { cutAtWord as cutText } from '../util/cut.js';
import { oneLine } from '../util/text.js';
import type { PaperView } from '../chat/reply.js';
import { paperLinks, type Paper } from '../papers/paper.js';

export const MAX_AUTHORS_SHOWN = 4;
export const SUMMARY_CHARS = 300;

/** Cut at a word boundary and mark the cut, so a summary never ends mid-word. */
export function cutAtWord(text: string, max: number): string {
  const clean = oneLine(text);
  if (clean.length <= max) return clean;
  // A summary cut after a comma or dash reads as unfinished punctuation, not as a cut.
  return cutText(clean, max).replace(/[\s,;:.–-]+…$/, '…');
}

/** The first sentences of an abstract that fit in `max` characters. */
export function leadSentences(abstract: string, max: number): string {
  const clean = oneLine(abstract);
  const sentences = clean.match(/[^.!?]+(?:[.!?]+(?=\s|$)|$)/g) ?? [clean];
  let out = '';
  for (const s of sentences) {
    const next = (out + s).trim();
    if (next.length > max) break;
    out = `${next} `;
  }
  return out.trim() || cutAtWord(clean, max);
}

export function paperSummary(p: Paper, max = SUMMARY_CHARS): string {
  if (p.aiSummary?.trim()) return cutAtWord(p.aiSummary, max);
  return leadSentences(p.abstract, max);
}

export function paperView(p: Paper, matchedRules: readonly string[]): PaperView {
  const links = paperLinks(p);
  const list: { label: string; url: string }[] = [
    { label: 'arXiv', url: links.abs },
    { label: 'PDF', url: links.pdf },
  ];
  if (links.hf) list.push({ label: 'Hugging Face', url: links.hf });
  if (links.code) list.push({ label: 'Code', url: links.code });
  if (links.project) list.push({ label: 'Project', url: links.project });
  return {
    id: p.id,
    title: oneLine(p.title),
    url: links.hf ?? links.abs,
    authors: p.authors.slice(0, MAX_AUTHORS_SHOWN),
    moreAuthors: Math.max(0, p.authors.length - MAX_AUTHORS_SHOWN),
    summary: paperSummary(p),
    matchedRules: [...matchedRules],
    links: list,
    upvotes: p.upvotes,
    publishedAt: p.publishedAt,
    categories: p.categories,
    imageUrl: p.imageUrl,
  };
}
