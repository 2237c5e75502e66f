import { SourceError } from '../errors.js';
import type { Paper } from '../papers/paper.js';
import { parseArxivFeed } from './arxiv-parse.js';
import { arxivQueryUrl } from './arxiv-query.js';
import { isDay } from '../util/days.js';
import { getText, sourceHttp, type HttpOptions, type SourceHttpOptions } from './http.js';
import type { DayFetch, PaperSource } from './source.js';
import { createThrottle, processArxivThrottle, type Throttle } from './throttle.js';

export interface ArxivSourceOptions extends SourceHttpOptions {
  apiUrl: string;
  categories: string[];
  /** Spacing between request starts; arXiv asks for 3 s. */
  minIntervalMs?: number;
  pageSize?: number;
  /**
   * Defaults to the process-wide arXiv throttle; a source given its own
   * `now`/`sleep` (a fake clock) gets a private one on that clock.
   */
  throttle?: Throttle;
  /** The API serves at most 30000 results per query; this bounds the pages per day. */
  maxPages?: number;
}

/** New submissions in `categories`, one UTC day at a time, from the arXiv export API. */
export function createArxivSource(opts: ArxivSourceOptions): PaperSource {
  const minIntervalMs = opts.minIntervalMs ?? 3_000;
  const pageSize = opts.pageSize ?? 200;
  const maxPages = opts.maxPages ?? 50;
  const base = sourceHttp('arxiv', opts, 30_000);
  const throttle = opts.throttle ?? (opts.now || opts.sleep ? createThrottle({ now: base.now, sleep: base.sleep }) : processArxivThrottle);
  const http: HttpOptions = { ...base, gate: (attempt) => throttle.run(minIntervalMs, attempt) };

  return {
    name: 'arxiv',
    async fetchDay(day: string): Promise<DayFetch> {
      if (!isDay(day)) throw new SourceError('arxiv', `not a day: ${day}`, false);
      if (opts.categories.length === 0) return { day, papers: [], skipped: [] };
      const papers: Paper[] = [];
      const skipped: DayFetch['skipped'] = [];
      let start = 0;
      for (let page = 0; page < maxPages; page += 1) {
        const body = await getText(arxivQueryUrl(opts.apiUrl, opts.categories, day, start, pageSize), http);
        const result = parseArxivFeed(body, opts.logger);
        papers.push(...result.parsed.items);
        skipped.push(...result.parsed.skipped);
        start += result.entryCount;
        // arXiv sometimes answers a short or empty page before the end; an empty one would loop forever.
        if (result.entryCount === 0 || start >= result.totalResults) break;
      }
      return { day, papers, skipped };
    },
  };
}
