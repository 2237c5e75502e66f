/** What the bench and its fake Slack process (fake-slack-process.ts) say to each other over IPC. */

/** Workspaces to install through the app's OAuth pages, and each one's channels (the bot a member of them). */
export interface InstallPlan {
  appBase: string;
  clientId: string;
  clientSecret: string;
  teams: { id: string; channels: string[] }[];
  concurrency: number;
}

/** One post as the fake holds it: its channel and the idempotency key Paperboy put in its metadata. */
export interface PostRecord {
  channel: string;
  key: string;
}

export type FakeRequest =
  | { id: number; op: 'install'; plan: InstallPlan }
  | { id: number; op: 'count' }
  | { id: number; op: 'report' }
  | { id: number; op: 'stop' };

export type FakeResponse =
  | { id: number; op: 'ready'; origin: string; apiUrl: string }
  | { id: number; op: 'install'; failed: string[] }
  | { id: number; op: 'count'; posts: number }
  | { id: number; op: 'report'; posts: PostRecord[]; rateLimited: number; historyCalls: number; cpuS: number }
  | { id: number; op: 'stop' }
  | { id: number; op: 'error'; message: string };
