import { SourceError } from '../errors.js';
import type { Paper } from '../papers/paper.js';
import { isDay } from '../util/days.js';
import { parseHfItems } from './hf-parse.js';
import { getText, sourceHttp, type SourceHttpOptions } from './http.js';
import type { DayFetch, PaperSource } from './source.js';

export interface HfSourceOptions extends SourceHttpOptions {
  baseUrl: string;
  /** Items per page (`limit`); HF's default is 50. */
  pageSize?: number;
  /** Bound on pages per day, in case the server ignores `p` and repeats itself. */
  maxPages?: number;
}

/** Hugging Face Daily Papers: `GET {base}/api/daily_papers?date=YYYY-MM-DD&p=N&limit=M`. */
export function createHfSource(opts: HfSourceOptions): PaperSource {
  const pageSize = opts.pageSize ?? 50;
  const maxPages = opts.maxPages ?? 20;
  const http = sourceHttp('hf', opts, 15_000);

  async function fetchPage(day: string, page: number): Promise<unknown[]> {
    const url = new URL('/api/daily_papers', opts.baseUrl);
    url.search = new URLSearchParams({ date: day, p: String(page), limit: String(pageSize) }).toString();
    const body = await getText(url.toString(), http);
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch (err) {
      throw new SourceError('hf', `GET ${url}: body is not JSON`, true, { cause: err });
    }
    if (!Array.isArray(json)) throw new SourceError('hf', `GET ${url}: expected a JSON array`, false);
    return json;
  }

  return {
    name: 'hf',
    async fetchDay(day: string): Promise<DayFetch> {
      if (!isDay(day)) throw new SourceError('hf', `not a day: ${day}`, false);
      const byId = new Map<string, Paper>();
      const seen = new Set<string>();
      const skipped: DayFetch['skipped'] = [];
      for (let page = 0; page < maxPages; page += 1) {
        const raw = await fetchPage(day, page);
        // Only items not seen on an earlier page: a server that ignores `p` repeats itself.
        const fresh = raw.filter((item) => {
          const key = JSON.stringify(item);
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        });
        const parsed = parseHfItems(fresh, day, opts.logger);
        skipped.push(...parsed.skipped);
        for (const p of parsed.items) byId.set(p.id, p);
        if (raw.length < pageSize || fresh.length === 0) break;
      }
      return { day, papers: [...byId.values()], skipped };
    },
  };
}
