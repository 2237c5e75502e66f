import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { packageRoot } from '../../sources/package-root.js';

const sampleSchema = z.array(z.object({ paper: z.object({ summary: z.string() }) }));

/**
 * Sentences of real abstracts (the bundled sample, built from the Daily
 * Papers seed page), the prose that generated papers are padded with so the
 * tf-idf sees realistic background vocabulary and not just topic words.
 */
export function loadBackgroundSentences(path = join(packageRoot(import.meta.url), 'data/sample/papers.json')): string[] {
  const items = sampleSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  return items
    .flatMap((i) => i.paper.summary.split(/(?<=\.)\s+/))
    .map((s) => s.trim())
    .filter((s) => s.length >= 40 && s.length <= 400);
}
