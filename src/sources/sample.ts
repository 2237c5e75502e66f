import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import { SourceError } from '../errors.js';
import { daysBetween, isDay, utcDay } from '../util/days.js';
import { hfItemSchema, hfItemToPaper, type HfItem } from './hf-schema.js';
import { packageRoot } from './package-root.js';
import type { DayFetch, PaperSource } from './source.js';
import { describeIssues } from './validate.js';

export const SAMPLE_PATH = 'data/sample/papers.json';

/** Share of the sample listed today; the rest is spread over the previous days. */
const TODAY_SHARE = 0.6;
const EARLIER_DAYS = 6;

/**
 * Days before today the i-th of n sample papers is listed on: most today, so
 * today's digest always has matches, then a few on each of the previous days
 * so catch-up and `--date` have something to find.
 */
export function sampleDayOffset(index: number, count: number): number {
  const today = Math.ceil(count * TODAY_SHARE);
  return index < today ? 0 : ((index - today) % EARLIER_DAYS) + 1;
}

export async function loadSampleItems(path = join(packageRoot(), SAMPLE_PATH)): Promise<HfItem[]> {
  const raw: unknown = JSON.parse(await readFile(path, 'utf8'));
  // Bundled data is ours: a malformed item is a packaging bug, not something to skip quietly.
  const r = z.array(hfItemSchema).safeParse(raw);
  if (!r.success) throw new SourceError('hf', `${path} is not valid Daily Papers data: ${describeIssues(r.error)}`, false);
  return r.data;
}

/** The bundled sample papers (`paperboy run --sample`), dated relative to the clock. */
export function createSampleSource(opts: { clock: Clock; path?: string }): PaperSource {
  let items: Promise<HfItem[]> | null = null;
  return {
    name: 'hf',
    async fetchDay(day: string): Promise<DayFetch> {
      if (!isDay(day)) throw new SourceError('hf', `not a day: ${day}`, false);
      // A failed load is not cached: the next cycle tries again.
      items ??= loadSampleItems(opts.path).catch((err: unknown) => {
        items = null;
        throw err;
      });
      const all = await items;
      const offset = daysBetween(day, utcDay(opts.clock.now()));
      const papers = all.flatMap((item, i) => (sampleDayOffset(i, all.length) === offset ? [hfItemToPaper(item, day)] : []));
      return { day, papers, skipped: [] };
    },
  };
}
