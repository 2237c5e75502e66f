import type { Clock } from '../clock.js';
import type { PaperCursor, PaperStore } from '../store/types.js';
import { DAY_MS } from '../util/days.js';
import { yieldToLoop } from '../util/yield.js';
import type { StoredPaper } from './paper.js';

export interface RecentPapersOptions {
  papers: PaperStore;
  clock: Clock;
  /** How far back papers are kept (the longest window a command reads). */
  windowDays: number;
  /** Rows read per page; each page is one short synchronous read, then the event loop runs. */
  pageSize?: number;
  /** A sync at most this often (new papers arrive with a digest cycle, not by the second). */
  syncEveryMs?: number;
}

export interface RecentPapersListener {
  added(papers: readonly StoredPaper[]): void;
  removed(papers: readonly StoredPaper[]): void;
}

/**
 * The last `windowDays` of stored papers, in memory, in first-seen order,
 * kept up to date by reading only what is new since the last read, a page
 * at a time. `/papers preview` and `/papers similar` read from it instead of
 * loading the whole window from the store on every call.
 */
export class RecentPapers {
  private readonly papers: StoredPaper[] = [];
  private readonly ids = new Set<string>();
  private cursor: PaperCursor | null = null;
  private syncedAt = Number.NEGATIVE_INFINITY;
  private syncing: Promise<void> | null = null;
  private readonly listeners: RecentPapersListener[] = [];
  private readonly pageSize: number;
  private readonly syncEveryMs: number;
  /** Grows whenever the set of papers changes: a key for caches of results over it. */
  version = 0;

  constructor(private readonly opts: RecentPapersOptions) {
    this.pageSize = opts.pageSize ?? 100;
    this.syncEveryMs = opts.syncEveryMs ?? 30_000;
  }

  listen(listener: RecentPapersListener): void {
    this.listeners.push(listener);
    if (this.papers.length) listener.added(this.papers);
  }

  /** Papers first seen at or after `from` (within the window), oldest first. */
  async since(from: string): Promise<StoredPaper[]> {
    await this.sync();
    let lo = 0;
    let hi = this.papers.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.papers[mid]?.firstSeenAt ?? '') < from) lo = mid + 1;
      else hi = mid;
    }
    return this.papers.slice(lo);
  }

  /** Read what is new (one caller at a time; the others wait for the same read). */
  sync(force = false): Promise<void> {
    if (this.syncing) return this.syncing;
    if (!force && this.opts.clock.now().getTime() - this.syncedAt < this.syncEveryMs) return Promise.resolve();
    this.syncing = this.readNew().finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }

  private async readNew(): Promise<void> {
    const now = this.opts.clock.now().getTime();
    const from = new Date(now - this.opts.windowDays * DAY_MS).toISOString();
    let changed = this.evictBefore(from);
    for (;;) {
      const read = await this.opts.papers.firstSeenPage(from, this.cursor, this.pageSize);
      const last = read.at(-1);
      if (!last) break;
      this.cursor = { firstSeenAt: last.firstSeenAt, id: last.id };
      const page = read.filter((p) => !this.ids.has(p.id));
      for (const p of page) {
        this.papers.push(p);
        this.ids.add(p.id);
      }
      if (page.length) {
        for (const l of this.listeners) l.added(page);
        changed = true;
      }
      if (read.length < this.pageSize) break;
      await yieldToLoop();
    }
    if (changed) this.version += 1;
    this.syncedAt = now;
  }

  private evictBefore(from: string): boolean {
    let n = 0;
    while (n < this.papers.length && (this.papers[n]?.firstSeenAt ?? '') < from) n += 1;
    if (!n) return false;
    const gone = this.papers.splice(0, n);
    for (const p of gone) this.ids.delete(p.id);
    for (const l of this.listeners) l.removed(gone);
    return true;
  }
}
