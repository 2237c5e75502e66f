/** What a benchmark and the fake Slack in its own process (fake-slack-child.ts) say to each other over IPC. */

/** Workspaces to install through the app's OAuth pages, and each one's channels (the bot a member of them). */
export interface InstallPlan {
  appBase: string;
  clientId: string;
  clientSecret: string;
  teams: { id: string; channels: string[] }[];
  concurrency: number;
}

/** One post as the fake holds it: its channel and the idempotency key Paperboy put in its metadata ('' without one). */
export interface PostRecord {
  channel: string;
  key: string;
}

/** What the fake saw, as far as a benchmark needs it. */
export interface FakeSlackReport {
  posts: PostRecord[];
  /** Every chat.postMessage call with its channel and arrival time (epoch ms), refused ones included, in order. */
  postCalls: { channel: string; at: number }[];
  /** Calls answered with 429. */
  rateLimited: number;
  historyCalls: number;
}

/** The fake's own process: CPU seconds since it started and its peak resident memory. */
export interface FakeSlackUsage {
  cpuS: number;
  peakRssMb: number;
}

export type FakeRequest =
  | { id: number; op: 'install'; plan: InstallPlan }
  | { id: number; op: 'count' }
  | { id: number; op: 'report' }
  | { id: number; op: 'usage' }
  | { id: number; op: 'stop' };

export type FakeResponse =
  | { id: number; op: 'ready'; origin: string; apiUrl: string; token: string; teamId: string }
  | { id: number; op: 'install'; failed: string[] }
  | { id: number; op: 'count'; posts: number }
  | ({ id: number; op: 'report' } & FakeSlackReport)
  | ({ id: number; op: 'usage' } & FakeSlackUsage)
  | { id: number; op: 'stop' }
  | { id: number; op: 'error'; message: string };
