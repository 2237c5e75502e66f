import type { Logger } from 'pino';
import type { Paper } from '../papers/paper.js';
import { hfItemSchema, hfItemToPaper } from './hf-schema.js';
import { describeIssues, rawId, validateEach, type Validated } from './validate.js';

/** Daily Papers items → papers listed under `day`; shared by the HF source and the bundled sample. */
export function parseHfItems(raw: readonly unknown[], day: string, logger: Logger, source = 'hf'): Validated<Paper> {
  return validateEach(
    raw,
    (item) => {
      const r = hfItemSchema.safeParse(item);
      if (r.success) return { ok: true, value: hfItemToPaper(r.data, day) };
      return { ok: false, id: rawId(item, 'paper', 'id'), reason: describeIssues(r.error) };
    },
    (skip) => logger.warn({ source, day, paperId: skip.id, reason: skip.reason }, 'skipped malformed paper'),
  );
}
