import type { Paper, SourceName } from '../papers/paper.js';

/** What one source returned for one UTC day. */
export interface DayFetch {
  day: string;
  papers: Paper[];
  /** Items the source sent that failed validation; the rest of the day still counts. */
  skipped: { id: string | null; reason: string }[];
}

/** A place papers come from. `fetchDay` throws `SourceError` once its retries are spent. */
export interface PaperSource {
  readonly name: SourceName;
  fetchDay(day: string): Promise<DayFetch>;
}
