import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import type { FakeSlackOptions } from '../../test/support/fake-slack.js';
import type { FakeRequest, FakeResponse, InstallPlan, PostRecord } from './fake-slack-protocol.js';
import { cpuSecondsOf } from './proc-cpu.js';

type Answer<Op extends FakeResponse['op']> = Extract<FakeResponse, { op: Op }>;
type Ask = FakeRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** The fake Slack running in its own process (fake-slack-process.ts), asked over IPC. */
export class RemoteFakeSlack {
  private serial = 0;
  private readonly waiting = new Map<number, { resolve: (r: FakeResponse) => void; reject: (e: Error) => void }>();

  private constructor(
    private readonly child: ChildProcess,
    readonly origin: string,
    readonly apiUrl: string,
  ) {
    child.on('message', (res: FakeResponse) => {
      const w = this.waiting.get(res.id);
      if (!w) return;
      this.waiting.delete(res.id);
      if (res.op === 'error') w.reject(new Error(`fake Slack: ${res.message}`));
      else w.resolve(res);
    });
    child.on('exit', (code, signal) => {
      for (const w of this.waiting.values()) w.reject(new Error(`the fake Slack process exited (${code ?? signal})`));
      this.waiting.clear();
    });
  }

  static start(opts: FakeSlackOptions): Promise<RemoteFakeSlack> {
    const child = fork(join(import.meta.dirname, 'fake-slack-process.ts'), [JSON.stringify(opts)], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new Promise((resolve, reject) => {
      child.once('message', (res: FakeResponse) => {
        if (res.op === 'ready') resolve(new RemoteFakeSlack(child, res.origin, res.apiUrl));
        else reject(new Error(`the fake Slack process said ${res.op} first`));
      });
      child.once('exit', (code, signal) => reject(new Error(`the fake Slack process exited (${code ?? signal}) before it was ready`)));
    });
  }

  private ask<Op extends FakeResponse['op']>(req: Ask & { op: Op }): Promise<Answer<Op>> {
    const id = ++this.serial;
    return new Promise<FakeResponse>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.child.send({ ...req, id } as FakeRequest);
    }) as Promise<Answer<Op>>;
  }

  /** Installs each team through the app's OAuth pages; resolves to the failures (none when all were stored). */
  async install(plan: InstallPlan): Promise<string[]> {
    return (await this.ask({ op: 'install', plan })).failed;
  }

  async postCount(): Promise<number> {
    return (await this.ask({ op: 'count' })).posts;
  }

  async report(): Promise<{ posts: PostRecord[]; rateLimited: number; historyCalls: number; cpuS: number }> {
    return this.ask({ op: 'report' });
  }

  /** The fake process's CPU seconds so far, read from /proc (null where there is none). */
  cpuSeconds(): number | null {
    return this.child.pid === undefined ? null : cpuSecondsOf(this.child.pid);
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    await this.ask({ op: 'stop' }).catch(() => undefined);
    await Promise.race([exited, new Promise<void>((resolve) => setTimeout(resolve, 5000).unref())]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}
