import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import type { FakeSlackOptions } from './fake-slack.js';
import type { FakeRequest, FakeResponse, FakeSlackReport, FakeSlackUsage, InstallPlan } from './fake-slack-ipc.js';

type Answer<Op extends FakeResponse['op']> = Extract<FakeResponse, { op: Op }>;
type Ask = FakeRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/**
 * The fake Slack (FakeSlack, with these options) in a child process
 * (fake-slack-child.ts), asked over IPC: its CPU and memory stay out of the
 * figures of the process a benchmark measures.
 */
export class RemoteFakeSlack {
  private serial = 0;
  private readonly waiting = new Map<number, { resolve: (r: FakeResponse) => void; reject: (e: Error) => void }>();

  private constructor(
    private readonly child: ChildProcess,
    readonly origin: string,
    readonly apiUrl: string,
    readonly token: string,
    readonly teamId: string,
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

  static start(opts: FakeSlackOptions = {}): Promise<RemoteFakeSlack> {
    const child = fork(join(import.meta.dirname, 'fake-slack-child.ts'), [JSON.stringify(opts)], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new Promise((resolve, reject) => {
      child.once('message', (res: FakeResponse) => {
        if (res.op === 'ready') resolve(new RemoteFakeSlack(child, res.origin, res.apiUrl, res.token, res.teamId));
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

  async report(): Promise<FakeSlackReport> {
    const { id: _id, op: _op, ...report } = await this.ask({ op: 'report' });
    return report;
  }

  async usage(): Promise<FakeSlackUsage> {
    const { cpuS, peakRssMb } = await this.ask({ op: 'usage' });
    return { cpuS, peakRssMb };
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    await this.ask({ op: 'stop' }).catch(() => undefined);
    await Promise.race([exited, new Promise<void>((resolve) => setTimeout(resolve, 5000).unref())]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}
