import { oneLine, withoutControls } from '../util/text.js';
import { z } from 'zod';
import type { Paper } from '../papers/paper.js';
import { safeHttpUrl } from '../util/safe-url.js';
import { isArxivId, parseArxivRef } from './arxiv-id.js';
import { hfMediaSchema, hfThumbnailSchema, paperImage } from './hf-image.js';

const nonEmpty = z.string().trim().min(1);
/** HF sends absent optionals as missing, null or "": all mean "none". */
const optionalText = z
  .string()
  .nullish()
  .transform((s) => (s?.trim() ? s.trim() : null));
/** A link field: free text on HF's side, so anything but an http(s) URL is dropped (the paper is kept). */
const optionalLink = z
  .string()
  .nullish()
  .transform((s) => safeHttpUrl(s));

export const hfAuthorSchema = z.object({
  name: nonEmpty,
  hidden: z.boolean().optional(),
});

/** One element of `GET /api/daily_papers`; fields Paperboy does not use are dropped. */
export const hfItemSchema = z.object({
  paper: z.object({
    id: z.string().refine(isArxivId, 'not an arXiv id'),
    title: nonEmpty,
    summary: z.string(),
    // Hidden authors are hidden as HF users only; the name is still the paper's author.
    authors: z.array(hfAuthorSchema),
    publishedAt: z.iso.datetime({ offset: true }),
    upvotes: z.number().int().nonnegative().nullish(),
    ai_summary: optionalText,
    ai_keywords: z.array(z.string()).nullish(),
    githubRepo: optionalLink,
    projectPage: optionalLink,
    mediaUrls: hfMediaSchema,
  }),
  thumbnail: hfThumbnailSchema,
  publishedAt: z.iso.datetime({ offset: true }).optional(),
  numComments: z.number().int().nonnegative().nullish(),
});

export type HfItem = z.infer<typeof hfItemSchema>;

export const hfPageSchema = z.array(z.unknown());

/** `day` is the Daily Papers day the item was listed under. */
export function hfItemToPaper(item: HfItem, day: string): Paper {
  const { paper } = item;
  const ref = parseArxivRef(paper.id) ?? { id: paper.id, version: 1 };
  return {
    id: ref.id,
    version: ref.version,
    title: oneLine(withoutControls(paper.title)),
    abstract: withoutControls(paper.summary).trim(),
    authors: paper.authors.map((a) => withoutControls(a.name).trim()),
    publishedAt: new Date(paper.publishedAt).toISOString(),
    hfDate: day,
    upvotes: paper.upvotes ?? null,
    aiSummary: paper.ai_summary === null ? null : withoutControls(paper.ai_summary),
    aiKeywords: (paper.ai_keywords ?? []).map((k) => withoutControls(k).trim()).filter(Boolean),
    codeUrl: paper.githubRepo,
    projectUrl: paper.projectPage,
    numComments: item.numComments ?? null,
    imageUrl: paperImage(paper.mediaUrls, item.thumbnail),
    categories: [],
    sources: ['hf'],
  };
}
