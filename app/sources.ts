import type { Logger } from 'pino';
import type { Clock } from '../src/clock.js';
import type { Config } from '../src/config.js';
import { createArxivSource } from '../src/sources/arxiv.js';
import { createHfSource } from '../src/sources/hf.js';
import { createSampleSource } from '../src/sources/sample.js';
import type { PaperSource } from '../src/sources/source.js';

/** HF when listed in PAPERS_SOURCES; arXiv when listed and categories are set; only the bundled papers with --sample. */
export function buildSources(config: Config, opts: { sample: boolean; clock: Clock; logger: Logger }): PaperSource[] {
  if (opts.sample) return [createSampleSource({ clock: opts.clock })];
  const sources: PaperSource[] = [];
  if (config.PAPERS_SOURCES.includes('hf')) {
    sources.push(
      createHfSource({ baseUrl: config.HF_API_URL, logger: opts.logger, timeoutMs: config.PAPERS_FETCH_TIMEOUT_MS, maxBytes: config.PAPERS_FETCH_MAX_BYTES }),
    );
  }
  if (config.PAPERS_SOURCES.includes('arxiv') && config.PAPERS_ARXIV_CATEGORIES.length > 0) {
    sources.push(
      createArxivSource({
        apiUrl: config.ARXIV_API_URL,
        categories: config.PAPERS_ARXIV_CATEGORIES,
        logger: opts.logger,
        timeoutMs: config.PAPERS_FETCH_TIMEOUT_MS,
        maxBytes: config.PAPERS_FETCH_MAX_BYTES,
      }),
    );
  }
  return sources;
}
