import { loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { RemoteFakeSlack } from '../../test/support/fake-slack-process.js';
import { SLACK_APP } from './install.js';
import { cpuSecondsOf } from './proc-cpu.js';
import { type BenchWorker, startBenchWorker } from './worker-process.js';

export interface RunPlan {
  workers: number;
  /** Kill one worker with SIGKILL once this share of the posts has reached the fake (0 to 1), or never. */
  killAt?: number;
  expectedPosts: number;
  timeoutS: number;
  databaseUrl: string;
  hfUrl: string;
  /** A directory to copy each worker's log into (worker-<n>.log), or none. */
  logDir?: string;
}

export interface WorkerFigures {
  name: string;
  id: string;
  /** CPU seconds after start-up (from its "paperboy running" line to the end, or to the kill). */
  cpuS: number;
  startupCpuS: number;
  killed: boolean;
  /** Posts whose delivery row it holds as sent (claimed_by). */
  sent: number;
}

export interface RunFigures {
  /** From every worker running to the last expected post at the fake (or the end of waiting). */
  wallS: number;
  finished: 'done' | 'timeout' | 'stalled';
  workers: WorkerFigures[];
  killedAtPosts: number | null;
  /** Deliveries in the database, by status. */
  statuses: Record<string, number>;
  /** The digest cycles that planned the deliveries: seconds from every worker running to each cycle's start, and how many it planned. */
  cycles: { atS: number; deliveries: number }[];
  /** Every delivery's idempotency key, as planned. */
  plannedKeys: string[];
  /** CPU seconds of the PostgreSQL backends serving this database, sampled each second (approximate). */
  postgresCpuS: number;
  fakeCpuS: number | null;
  loadBefore: number[];
  loadAfter: number[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** CPU of this database's PostgreSQL backends: the first and last figure seen of each, summed. */
class PostgresCpu {
  private readonly first = new Map<number, number>();
  private readonly last = new Map<number, number>();
  constructor(
    private readonly pool: pg.Pool,
    private readonly dbName: string,
  ) {}
  async sample(): Promise<void> {
    const { rows } = await this.pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [this.dbName]);
    for (const { pid } of rows) {
      const s = cpuSecondsOf(pid);
      if (s === null) continue;
      if (!this.first.has(pid)) this.first.set(pid, s);
      this.last.set(pid, s);
    }
  }
  /** Backends seen at the first sample count from then; those opened later from 0 (their start-up is small). */
  total(firstPids: Set<number>): number {
    let sum = 0;
    for (const [pid, last] of this.last) sum += last - (firstPids.has(pid) ? (this.first.get(pid) ?? 0) : 0);
    return sum;
  }
  pids(): Set<number> {
    return new Set(this.first.keys());
  }
}

/** Starts the workers on a database already installed, waits for every expected post (killing one on the way if asked), and measures. */
export async function runWorkers(plan: RunPlan, fake: RemoteFakeSlack, dbName: string, progress: (line: string) => void): Promise<RunFigures> {
  const env = {
    DATABASE_URL: plan.databaseUrl,
    ...SLACK_APP,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    HF_API_URL: plan.hfUrl,
    PAPERS_SOURCES: 'hf',
    TZ: 'UTC',
    PAPERS_DIGEST_TIME: '00:00',
    PAPERBOY_WORKERS: String(plan.workers),
  };
  const pool = new pg.Pool({ connectionString: plan.databaseUrl, max: 2 });
  const pgCpu = new PostgresCpu(pool, dbName);
  const loadBefore = loadavg();
  const workers: BenchWorker[] = [];
  const killed = new Set<BenchWorker>();
  const cpuAtEnd = new Map<BenchWorker, number>();
  try {
    for (let i = 0; i < plan.workers; i++) workers.push(startBenchWorker(`worker ${i + 1}`, env, plan.logDir && join(plan.logDir, `worker-${i + 1}.log`)));
    const ready = await Promise.all(workers.map((w) => w.ready));
    const t0 = performance.now();
    const t0Epoch = Date.now();
    await pgCpu.sample();
    const firstPids = pgCpu.pids();
    let killedAtPosts: number | null = null;
    let finished: RunFigures['finished'] = 'timeout';
    let lastCount = -1;
    let lastChange = t0;
    let lastPgSample = t0;
    let lastLine = t0;
    let doneAt = t0;
    while ((performance.now() - t0) / 1000 < plan.timeoutS) {
      const count = await fake.postCount();
      const now = performance.now();
      if (count !== lastCount) {
        lastCount = count;
        lastChange = now;
      }
      if (plan.killAt !== undefined && killedAtPosts === null && count >= plan.expectedPosts * plan.killAt) {
        const victim = await pickVictim(pool, workers, ready);
        // Its CPU read the moment before it dies: /proc forgets it after.
        cpuAtEnd.set(victim, victim.cpuS());
        victim.proc.kill('SIGKILL');
        await victim.exited;
        killed.add(victim);
        killedAtPosts = count;
        progress(`  ${victim.name} killed with SIGKILL at ${count} posts (${((100 * count) / plan.expectedPosts).toFixed(1)} %)`);
      }
      for (const w of workers) if (!killed.has(w)) w.cpuS();
      if (now - lastPgSample > 1000) {
        await pgCpu.sample();
        lastPgSample = now;
      }
      if (now - lastLine > 30_000) {
        progress(`  … ${count} posts at the fake after ${((now - t0) / 1000).toFixed(0)} s`);
        lastLine = now;
      }
      if (count >= plan.expectedPosts) {
        doneAt = lastChange;
        finished = 'done';
        break;
      }
      // Nothing new for 3 minutes and nothing left to send: what is missing will not come.
      if (now - lastChange > 180_000) {
        const [{ open } = { open: 0 }] = (
          await pool.query<{ open: number }>(`SELECT count(*)::int AS open FROM deliveries WHERE status IN ('planned', 'attempted')`)
        ).rows;
        if (open === 0 || now - lastChange > 600_000) {
          doneAt = lastChange;
          finished = 'stalled';
          break;
        }
      }
      await sleep(200);
    }
    if (finished === 'timeout') doneAt = performance.now();
    for (const w of workers) if (!killed.has(w)) cpuAtEnd.set(w, w.cpuS());
    await pgCpu.sample();
    const statuses = Object.fromEntries(
      (await pool.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM deliveries GROUP BY status')).rows.map((r) => [r.status, r.n]),
    );
    const byOwner = new Map(
      (
        await pool.query<{ owner: string; n: number }>(`SELECT claimed_by AS owner, count(*)::int AS n FROM deliveries WHERE status = 'sent' GROUP BY 1`)
      ).rows.map((r) => [r.owner, r.n]),
    );
    // A cycle stamps its deliveries with its own start (planned_at), so each distinct stamp is one cycle.
    const cycles = (await pool.query<{ at: string; n: number }>('SELECT planned_at AS at, count(*)::int AS n FROM deliveries GROUP BY 1 ORDER BY 1')).rows.map(
      (r) => ({ atS: (Date.parse(r.at) - t0Epoch) / 1000, deliveries: r.n }),
    );
    const plannedKeys = (await pool.query<{ key: string }>('SELECT idempotency_key AS key FROM deliveries')).rows.map((r) => r.key);
    return {
      wallS: (doneAt - t0) / 1000,
      finished,
      killedAtPosts,
      statuses,
      plannedKeys,
      cycles,
      workers: workers.map((w, i) => ({
        name: w.name,
        id: ready[i]?.id ?? '?',
        startupCpuS: ready[i]?.startupCpuS ?? 0,
        cpuS: (cpuAtEnd.get(w) ?? 0) - (ready[i]?.startupCpuS ?? 0),
        killed: killed.has(w),
        sent: byOwner.get(ready[i]?.id ?? '') ?? 0,
      })),
      postgresCpuS: pgCpu.total(firstPids),
      fakeCpuS: (await fake.usage()).cpuS,
      loadBefore,
      loadAfter: loadavg(),
    };
  } finally {
    await stopWorkers(workers);
    await pool.end();
  }
}

/** The worker with the most posts in flight (sent to Slack, answer not yet recorded), so that the kill leaves work to recover. */
async function pickVictim(pool: pg.Pool, workers: BenchWorker[], ready: { id: string }[]): Promise<BenchWorker> {
  const { rows } = await pool.query<{ owner: string }>(
    `SELECT claimed_by AS owner FROM deliveries WHERE status = 'attempted' AND claimed_by IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
  );
  const i = ready.findIndex((r) => r.id === rows[0]?.owner);
  return workers[i >= 0 ? i : workers.length - 1]!;
}

async function stopWorkers(workers: BenchWorker[]): Promise<void> {
  for (const w of workers) if (w.proc.exitCode === null && w.proc.signalCode === null) w.proc.kill('SIGTERM');
  await Promise.race([Promise.all(workers.map((w) => w.exited)), sleep(10_000)]);
  for (const w of workers) if (w.proc.exitCode === null && w.proc.signalCode === null) w.proc.kill('SIGKILL');
  await Promise.all(workers.map((w) => w.exited));
}
