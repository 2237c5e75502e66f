import type { Paper, SourceName } from '../../src/papers/paper.js';
import type { DayFetch, PaperSource } from '../../src/sources/source.js';
import { SourceError } from '../../src/errors.js';

/** A source whose papers per day are set by the test; `down` makes it fail like an outage. */
export class FakeSource implements PaperSource {
  readonly days = new Map<string, Paper[]>();
  readonly requested: string[] = [];
  down = false;

  constructor(readonly name: SourceName = 'hf') {}

  set(day: string, papers: Paper[]): this {
    this.days.set(day, papers);
    return this;
  }

  async fetchDay(day: string): Promise<DayFetch> {
    this.requested.push(day);
    if (this.down) throw new SourceError(this.name, `${this.name} answered 503`, true);
    return { day, papers: this.days.get(day) ?? [], skipped: [] };
  }
}
