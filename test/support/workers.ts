import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const CLI = join(import.meta.dirname, '..', '..', 'app', 'cli.ts');

/** One `paperboy run` process, as a replica of docker-compose.yml runs it, with what its JSON log lines told. */
export interface WorkerProcess {
  proc: ChildProcess;
  /** Its id on the claims it takes (the "paperboy running" line). */
  id: Promise<string>;
  /** Its HTTP port (PORT=0 picks one). */
  port: Promise<number>;
  /** Every log line's `msg`, in order. */
  messages(): string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

/** `paperboy run` from source with exactly `env` (and PATH, HOME), logging at info so the test can read its id and port. */
export function startWorker(env: Record<string, string>): WorkerProcess {
  const proc = spawn(process.execPath, ['--import', 'tsx', CLI, 'run'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  let buffered = '';
  const lines: Record<string, unknown>[] = [];
  const waiters: (() => void)[] = [];
  proc.stderr?.on('data', (c: Buffer) => {
    err += c.toString();
    buffered += c.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const p of parts) {
      try {
        lines.push(JSON.parse(p) as Record<string, unknown>);
      } catch {
        // not a log line
      }
    }
    for (const w of waiters.splice(0)) w();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  const field = <T>(msg: string, key: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const look = () => {
        const hit = lines.find((l) => l.msg === msg && l[key] !== undefined);
        if (hit) resolve(hit[key] as T);
        else waiters.push(look);
      };
      look();
      void exited.then(({ code, signal }) => reject(new Error(`paperboy run exited (${code ?? signal}) before logging "${msg}":\n${err}`)));
    });
  return {
    proc,
    id: field<string>('paperboy running', 'worker'),
    port: field<number>('http server listening', 'port'),
    messages: () => lines.map((l) => String(l.msg)),
    exited,
    stderr: () => err,
  };
}
