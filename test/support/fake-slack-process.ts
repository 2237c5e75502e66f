import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import type { FakeSlackOptions } from './fake-slack.js';

const CHILD = join(import.meta.dirname, 'fake-slack-child.ts');

/** What the fake saw, as far as a benchmark needs it. */
export interface FakeSlackReport {
  /** Every message posted, with the idempotency key of its metadata (null without one). */
  posts: { channel: string; key: string | null }[];
  /** When each chat.postMessage call arrived (epoch ms, this machine's clock), refused ones included. */
  postCallTimes: number[];
  /** The same calls with their channel, in arrival order. */
  postCalls: { channel: string; at: number }[];
  /** How many calls it answered with 429. */
  rateLimited: number;
  /** The fake's own process: peak resident memory and CPU since it started. */
  peakRssMb: number;
  cpuS: number;
}

export type FakeSlackParentMessage = { type: 'report' } | { type: 'close' };
export type FakeSlackChildMessage = { type: 'ready'; apiUrl: string; token: string; teamId: string } | { type: 'report'; report: FakeSlackReport };

export interface FakeSlackProcess {
  apiUrl: string;
  token: string;
  teamId: string;
  report(): Promise<FakeSlackReport>;
  close(): Promise<void>;
}

/**
 * The fake Slack (FakeSlack, with these limits) in a child process: its CPU
 * and memory stay out of the figures of the process under test.
 */
export async function startFakeSlackProcess(opts: Pick<FakeSlackOptions, 'postLimits'> = {}): Promise<FakeSlackProcess> {
  const child: ChildProcess = fork(CHILD, [JSON.stringify(opts)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) => reject(new Error(`the fake Slack process exited (${code ?? signal})`))),
  );
  exited.catch(() => undefined);
  const next = <T extends FakeSlackChildMessage['type']>(type: T): Promise<Extract<FakeSlackChildMessage, { type: T }>> =>
    Promise.race([
      new Promise<Extract<FakeSlackChildMessage, { type: T }>>((resolve) => {
        const on = (m: FakeSlackChildMessage) => {
          if (m.type !== type) return;
          child.off('message', on);
          resolve(m as Extract<FakeSlackChildMessage, { type: T }>);
        };
        child.on('message', on);
      }),
      exited,
    ]);
  const ask = (m: FakeSlackParentMessage) => child.send(m);
  const ready = await next('ready');
  return {
    apiUrl: ready.apiUrl,
    token: ready.token,
    teamId: ready.teamId,
    async report() {
      const reply = next('report');
      ask({ type: 'report' });
      return (await reply).report;
    },
    async close() {
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      ask({ type: 'close' });
      await gone;
    },
  };
}
