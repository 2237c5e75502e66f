/**
 * How the processes sharing one database agree (issue #12). The database does
 * the coordination: on PostgreSQL, advisory locks (src/store/postgres/
 * coordination.ts); on SQLite, whose file one host shares, this process alone
 * (./local.ts). Nothing here talks to another process directly.
 */
export interface Coordination {
  /** This process as it signs its claims; unique among the processes alive on the database. */
  readonly workerId: string;
  /** Workers on other hosts may share the database (PostgreSQL): each one takes deliveries as it has room (the delivery pump). */
  readonly shared: boolean;
  /** Whether a claim's owner no longer runs, so its claims may be taken over at once rather than after their lease. */
  isGone(owner: string): Promise<boolean>;
  /** Workers alive on the database now, this one included. */
  liveWorkers(): Promise<number>;
  /** Run `task` unless a worker (this one included) is running `name` right now; then `{ ran: false }` at once. */
  ifFree<T>(name: string, task: () => Promise<T>): Promise<Ran<T>>;
  /** Run `task` once no other worker runs `name`, waiting for its turn. */
  exclusive<T>(name: string, task: () => Promise<T>): Promise<T>;
  /**
   * Hold `name` whenever it is free, for as long as this worker lives: at
   * most one worker holds it at a time, and when the holder dies another one
   * gets it. `gained` runs when this worker obtains it, `lost` when it loses it.
   * Resolves after the first try; a `gained` that throws then (a bad token,
   * say) lets go and rejects, so start-up fails as it would without workers.
   */
  lead(name: string, hooks: LeadHooks): Promise<Leadership>;
  close(): Promise<void>;
}

export type Ran<T> = { ran: true; value: T } | { ran: false };

export interface LeadHooks {
  gained(): Promise<void>;
  lost(): Promise<void>;
}

export interface Leadership {
  readonly leading: boolean;
  /** Stop trying; if held, let go (and `lost` runs). */
  stop(): Promise<void>;
}
