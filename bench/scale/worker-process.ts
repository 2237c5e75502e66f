import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { cpuSecondsOf } from './proc-cpu.js';

const CLI = join(import.meta.dirname, '..', '..', 'app', 'cli.ts');
const TAIL = 64 * 1024;

/** One `paperboy run` process of the bench, and its CPU as /proc tells it. */
export interface BenchWorker {
  name: string;
  proc: ChildProcess;
  pid: number;
  /** Resolves with its worker id (the "paperboy running" line) and its CPU seconds then (start-up: loading, compiling). */
  ready: Promise<{ id: string; startupCpuS: number }>;
  /** CPU seconds so far; the last figure read once it has exited. */
  cpuS(): number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The last 64 kB of its log, for a failure's report. */
  logTail(): string;
}

/** `paperboy run` from source (as test/support/workers.ts starts it) with exactly `env` (and PATH, HOME); its whole log copied to `logFile` if named. */
export function startBenchWorker(name: string, env: Record<string, string>, logFile?: string): BenchWorker {
  const proc = spawn(process.execPath, ['--import', 'tsx', CLI, 'run'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const pid = proc.pid;
  if (pid === undefined) throw new Error(`${name}: paperboy run did not start`);
  let tail = '';
  if (logFile) proc.stderr?.pipe(createWriteStream(logFile));
  let lastCpu = 0;
  const readCpu = (): number => {
    const s = cpuSecondsOf(pid);
    if (s !== null) lastCpu = s;
    return lastCpu;
  };
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  const ready = new Promise<{ id: string; startupCpuS: number }>((resolve, reject) => {
    let pending: string | null = '';
    proc.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-TAIL);
      if (pending === null) return;
      pending += text;
      const at = pending.indexOf('"msg":"paperboy running"');
      if (at < 0) {
        pending = pending.slice(-4096);
        return;
      }
      const line = pending.slice(pending.lastIndexOf('\n', at) + 1, pending.indexOf('\n', at) >= 0 ? pending.indexOf('\n', at) : undefined);
      const id = /"worker":"([^"]+)"/.exec(line)?.[1];
      pending = null;
      if (id) resolve({ id, startupCpuS: readCpu() });
      else reject(new Error(`${name}: no worker id in ${line}`));
    });
    void exited.then(({ code, signal }) => reject(new Error(`${name} exited (${code ?? signal}) before it was running:\n${tail}`)));
  });
  // Nothing waits on it when a worker dies before it is ready: the run's own checks report that.
  ready.catch(() => undefined);
  return { name, proc, pid, ready, cpuS: readCpu, exited, logTail: () => tail };
}
