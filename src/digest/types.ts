import type { OutboundMessage } from '../chat/port.js';
import type { SourceName } from '../papers/paper.js';

export interface SourceFetchReport {
  source: SourceName;
  days: string[];
  papers: number;
  skipped: number;
  ok: boolean;
  error: string | null;
  latencyMs: number;
}

export interface ChannelDigestReport {
  channelId: number;
  /** Papers planned for posting now (≤ the per-digest cap). */
  planned: number;
  /** Papers beyond the cap, waiting for `/papers more`. */
  held: number;
  sent: number;
  failed: boolean;
  pausedReason: string | null;
  /** Dry runs only: what would have been posted, in order. */
  messages?: OutboundMessage[];
}

export interface CycleReport {
  fetched: SourceFetchReport[];
  papersAdded: number;
  channels: ChannelDigestReport[];
}

export interface DigestRunOptions {
  /**
   * Backfill one UTC day (the CLI's --date YYYY-MM-DD): fetch that day and
   * digest the papers dated that day that each channel has not had yet.
   */
  day?: string;
  /** Plan and print, but neither post nor record. */
  dryRun?: boolean;
  /**
   * Plan, and leave the posting to the delivery pump of every worker sharing
   * the database (DigestPipeline.pump) rather than post from this one.
   */
  leaveToPump?: boolean;
}

/** What the command layer and the scheduler ask of the digest pipeline. */
export interface DigestService {
  /** Fetch every source, then digest every due channel. */
  runCycle(opts?: DigestRunOptions & { channelIds?: number[] }): Promise<CycleReport>;
  /** Digest one channel now from stored papers (the `/papers digest` command). */
  digestChannel(channelId: number, opts?: DigestRunOptions): Promise<ChannelDigestReport>;
  /** Release the next held papers of the channel (`/papers more`). */
  more(channelId: number): Promise<ChannelDigestReport>;
  /**
   * Send every planned or interrupted delivery (start-up recovery, the minute's
   * retries); with `viaPump`, only the channels this worker has room for and
   * nobody else holds (workers sharing a database). Returns how many were sent
   * (with `viaPump`: how many channels were taken).
   */
  deliverPending(opts?: { viaPump?: boolean }): Promise<number>;
}
