import { oneLine, withoutControls } from '../util/text.js';
import { XMLParser } from 'fast-xml-parser';
import type { Logger } from 'pino';
import { z } from 'zod';
import { SourceError } from '../errors.js';
import type { Paper } from '../papers/paper.js';
import { parseArxivRef } from './arxiv-id.js';
import { describeIssues, rawId, validateEach, type Validated } from './validate.js';
import { asArray, attrOf, resolveNamespaces, textOf, type XmlNode } from './xml-ns.js';

const NAMESPACES = (uri: string): string | null => {
  if (uri === 'http://www.w3.org/2005/Atom') return '';
  if (uri === 'http://arxiv.org/schemas/atom') return 'arxiv';
  if (uri.startsWith('http://a9.com/-/spec/opensearch')) return 'opensearch';
  return null;
};

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Keep every value a string: a title such as "1984" must not become a number.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

const text = z.string().trim().min(1);
const entrySchema = z.object({
  id: z.string().transform((s, ctx) => {
    const ref = parseArxivRef(s);
    if (!ref) ctx.addIssue({ code: 'custom', message: `not an arXiv abs URL: ${s}` });
    return ref ?? { id: s, version: 1 };
  }),
  title: text,
  summary: z.string(),
  published: z.iso.datetime({ offset: true }),
  authors: z.array(text),
  primary: z.string().optional(),
  categories: z.array(z.string()),
});

export interface ArxivPage {
  totalResults: number;
  /** Entries on this page, malformed ones included (they are counted, then skipped). */
  entryCount: number;
  parsed: Validated<Paper>;
}

/** One page of the export API's Atom feed. */
export function parseArxivFeed(xml: string, logger: Logger): ArxivPage {
  let doc: unknown;
  try {
    doc = resolveNamespaces(parser.parse(xml), NAMESPACES);
  } catch (err) {
    throw new SourceError('arxiv', 'response is not XML', true, { cause: err });
  }
  const feed = (doc as XmlNode).feed;
  if (typeof feed !== 'object' || feed === null) throw new SourceError('arxiv', 'response is not an Atom feed', false);
  const f = feed as XmlNode;
  const entries = asArray(f.entry);
  // The API reports a bad query as a feed holding one entry whose id is an error URL.
  const error = entries.find((e) => textOf((e as XmlNode).id)?.includes('/api/errors'));
  if (error) throw new SourceError('arxiv', `arXiv API error: ${oneLine(textOf((error as XmlNode).summary) ?? 'unknown')}`, false);

  const total = Number(textOf(f['opensearch:totalResults']));
  const parsed = validateEach(
    entries,
    (e) => {
      const r = entrySchema.safeParse(flattenEntry(e));
      if (!r.success) return { ok: false, id: rawId(e, 'id'), reason: describeIssues(r.error) };
      return { ok: true, value: toPaper(r.data) };
    },
    (skip) => logger.warn({ source: 'arxiv', paperId: skip.id, reason: skip.reason }, 'skipped malformed paper'),
  );
  return { totalResults: Number.isFinite(total) ? total : entries.length, entryCount: entries.length, parsed };
}

function flattenEntry(e: unknown): Record<string, unknown> {
  const entry = (typeof e === 'object' && e !== null ? e : {}) as XmlNode;
  return {
    id: textOf(entry.id),
    title: textOf(entry.title),
    summary: textOf(entry.summary),
    published: textOf(entry.published),
    authors: asArray(entry.author).map((a) => textOf((a as XmlNode).name)),
    primary: attrOf(entry['arxiv:primary_category'], 'term'),
    categories: asArray(entry.category).map((c) => attrOf(c, 'term')),
  };
}

function toPaper(e: z.infer<typeof entrySchema>): Paper {
  const categories = [...new Set([...(e.primary ? [e.primary] : []), ...e.categories])];
  return {
    id: e.id.id,
    version: e.id.version,
    title: oneLine(withoutControls(e.title)),
    abstract: oneLine(withoutControls(e.summary)),
    authors: e.authors.map((a) => oneLine(withoutControls(a))),
    publishedAt: new Date(e.published).toISOString(),
    hfDate: null,
    upvotes: null,
    aiSummary: null,
    aiKeywords: [],
    codeUrl: null,
    projectUrl: null,
    numComments: null,
    imageUrl: null,
    categories,
    sources: ['arxiv'],
  };
}
