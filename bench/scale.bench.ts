/**
 * Scale benchmark (issue #12), on PostgreSQL: 10,000 Slack channels over
 * 2,000 workspaces, each workspace installed through Paperboy's OAuth pages
 * against the fake Slack, each channel with a rule matching 6 of the day's
 * papers (header + 6 papers = 7 posts a channel). The fake Slack runs in a
 * process of its own and paces chat.postMessage at 1 post/s per channel and
 * 20 posts/s per workspace (429 + Retry-After beyond). Then:
 *  1. one `paperboy run` worker delivers everything;
 *  2. on a fresh database, three workers, one killed with SIGKILL once 30 %
 *     of the posts have reached the fake; the other two finish.
 * Figures only; nothing asserted (duplicates and lost must read 0). CPU is
 * read from /proc for each worker process (the killed one just before the
 * kill). Sizes: SCALE_BENCH_CHANNELS, SCALE_BENCH_WORKSPACES (defaults are the
 * issue's); SCALE_BENCH_RUN_TIMEOUT_S bounds each run's delivery (default 900);
 * SCALE_BENCH_LOGS=<dir> keeps the workers' logs; SCALE_BENCH_ONLY=1|2 runs one.
 */
import { mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { benchServerUrl, createBenchDatabase, shownUrl, unreachable } from './scale/database.js';
import { RemoteFakeSlack } from '../test/support/fake-slack-process.js';
import { installAll, type Layout } from './scale/install.js';
import { dailyList } from './scale/papers.js';
import { type RunFigures, runWorkers } from './scale/run-workers.js';
import { hfDailyPapers, startSourceServer } from '../test/support/source-server.js';

const int = (name: string, fallback: number): number => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
};
const layout: Layout = { channels: int('SCALE_BENCH_CHANNELS', 10_000), workspaces: int('SCALE_BENCH_WORKSPACES', 2_000), topics: 100 };
layout.topics = Math.min(layout.topics, layout.channels);
const PAPERS = 6;
const POSTS_PER_CHANNEL = PAPERS + 1;
const EXPECTED = layout.channels * POSTS_PER_CHANNEL;
const PER_WORKSPACE_PER_SECOND = 20;
const KILL_AT = 0.3;
const RUN_TIMEOUT_S = int('SCALE_BENCH_RUN_TIMEOUT_S', 900);
/** Copy the workers' logs there (run-<n>/worker-<m>.log) to see what a run did. */
const logDir = process.env.SCALE_BENCH_LOGS?.trim() || undefined;
/** Only run 1 or run 2, while iterating. */
const only = process.env.SCALE_BENCH_ONLY?.trim();

const server = benchServerUrl();
const why = await unreachable(server);
if (why) {
  console.log(
    `scale bench skipped: PostgreSQL at ${shownUrl(server)} does not answer (${why}); start one and set PAPERBOY_BENCH_DATABASE_URL=postgres://user@host:5432/db (a role that may CREATE DATABASE), then: npm run bench scale`,
  );
  process.exit(0);
}

const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
const day = new Date().toISOString().slice(0, 10);
const hf = await startSourceServer();
hf.route(
  '/api/daily_papers',
  hfDailyPapers((d) => (d === day ? dailyList(d, layout.topics, PAPERS) : undefined)),
);

const perWorkspace = Math.ceil(layout.channels / layout.workspaces);
console.log(
  `${layout.channels} channels over ${layout.workspaces} workspaces (${perWorkspace} each), installed through /slack/install + /slack/oauth_redirect; ${POSTS_PER_CHANNEL} posts a channel (header + ${PAPERS} papers) = ${EXPECTED} posts a run`,
);
console.log(
  `fake Slack in its own process: chat.postMessage 1 post/s per channel and ${PER_WORKSPACE_PER_SECOND} posts/s per workspace (429 + Retry-After beyond); conversations.history 1 call/min and 15 messages a page per workspace (Slack's limit for apps outside the Marketplace, which a self-hosted install is)`,
);
console.log(`PostgreSQL: ${shownUrl(server)}, a fresh database per run; ${cpus().length} CPU cores; load average at start: ${load(loadavg())}`);

interface Outcome {
  title: string;
  figures: RunFigures;
  posted: number;
  duplicates: number;
  lost: number;
  rateLimited: number;
  historyCalls: number;
  installS: number;
  rulesS: number;
}

async function run(index: number, title: string, workers: number, killAt?: number): Promise<Outcome> {
  console.log(`\n${title}`);
  const db = await createBenchDatabase(server, `r${index}`);
  const fake = await RemoteFakeSlack.start({
    postLimits: { perChannelPerSecond: 1, perWorkspacePerSecond: PER_WORKSPACE_PER_SECOND },
    // As strict as Slack is with a distributed app outside the Marketplace (since May 2025): recovery must live with it.
    history: { perMinute: 1, pageMax: 15, perWorkspace: true },
  });
  try {
    const { installS, rulesS } = await installAll(db.url, fake, layout);
    if (logDir) mkdirSync(join(logDir, `run-${index}`), { recursive: true });
    console.log(
      `  set-up: ${layout.workspaces} OAuth installs in ${installS.toFixed(1)} s; ${layout.channels} channels and rules stored in ${rulesS.toFixed(1)} s`,
    );
    const figures = await runWorkers(
      {
        workers,
        ...(logDir ? { logDir: join(logDir, `run-${index}`) } : {}),
        ...(killAt !== undefined ? { killAt } : {}),
        expectedPosts: EXPECTED,
        timeoutS: RUN_TIMEOUT_S,
        databaseUrl: db.url,
        hfUrl: hf.url,
      },
      fake,
      db.name,
      (line) => console.log(line),
    );
    const report = await fake.report();
    const keys = report.posts.map((p) => p.key);
    const unique = new Set(keys);
    const lost = Math.max(EXPECTED, figures.plannedKeys.length) - figures.plannedKeys.filter((k) => unique.has(k)).length;
    const outcome: Outcome = {
      title,
      figures,
      posted: report.posts.length,
      duplicates: keys.length - unique.size,
      lost,
      rateLimited: report.rateLimited,
      historyCalls: report.historyCalls,
      installS,
      rulesS,
    };
    print(outcome);
    return outcome;
  } finally {
    await fake.stop();
    await db.drop();
  }
}

function print(o: Outcome): void {
  const f = o.figures;
  const cpu = f.workers.reduce((s, w) => s + w.cpuS, 0);
  const per1000 = (s: number) => (o.posted > 0 ? (1000 * s) / o.posted : 0);
  if (f.finished !== 'done') console.log(`  NOT FINISHED (${f.finished}): the figures below are what was done`);
  console.log(
    `  posts: ${o.posted} of ${EXPECTED}; duplicates: ${o.duplicates}; lost: ${o.lost}; deliveries in the database: ${JSON.stringify(f.statuses)}; 429s: ${o.rateLimited}; history reads: ${o.historyCalls}`,
  );
  console.log(`  wall time: ${f.wallS.toFixed(1)} s (all workers running → last post at the fake); ${(o.posted / f.wallS).toFixed(0)} posts/s`);
  console.log(
    `  CPU: Paperboy ${cpu.toFixed(1)} s = ${per1000(cpu).toFixed(2)} s per 1,000 posts (sum over the workers after start-up); PostgreSQL backends ≈ ${f.postgresCpuS.toFixed(1)} s = ${per1000(f.postgresCpuS).toFixed(2)} s per 1,000 posts; fake Slack ${f.fakeCpuS?.toFixed(1) ?? '?'} s (set-up included, not counted above)`,
  );
  for (const w of f.workers) {
    const share = o.posted > 0 ? (100 * w.sent) / o.posted : 0;
    console.log(
      `  ${w.name}${w.killed ? ' (killed)' : ''}: ${w.sent} posts (${share.toFixed(1)} %); CPU ${w.cpuS.toFixed(1)} s after a ${w.startupCpuS.toFixed(1)} s start-up`,
    );
  }
  const cycles = f.cycles.slice(0, 5).map((c) => `${c.deliveries} at ${c.atS.toFixed(1)} s`);
  console.log(
    `  digest cycles (planned deliveries, and when the cycle began): ${cycles.join('; ')}${f.cycles.length > 5 ? ` … ${f.cycles.length} in all` : ''}`,
  );
  console.log(
    `  per core: ${cpu > 0 ? (o.posted / cpu).toFixed(0) : '?'} posts per CPU-second of Paperboy; ${cpu + f.postgresCpuS > 0 ? (o.posted / (cpu + f.postgresCpuS)).toFixed(0) : '?'} with PostgreSQL's share`,
  );
  console.log(`  load average: ${load(f.loadBefore)} before, ${load(f.loadAfter)} after`);
}

const deadline = setTimeout(
  () => {
    console.log(`scale bench: still running after ${2 * RUN_TIMEOUT_S + 600} s; giving up`);
    process.exit(1);
  },
  (2 * RUN_TIMEOUT_S + 600) * 1000,
);
deadline.unref();

let failed = false;
try {
  const outcomes: Outcome[] = [];
  if (only !== '2') outcomes.push(await run(1, `1. one worker`, 1));
  if (only !== '1') outcomes.push(await run(2, `2. three workers, one killed with SIGKILL at ${KILL_AT * 100} % of the posts`, 3, KILL_AT));
  const cpuOf = (o: Outcome) => o.figures.workers.reduce((s, w) => s + w.cpuS, 0);
  console.log(
    `\nprojection per core, from the CPU figures (this ${cpus().length}-core machine runs the workers, PostgreSQL and the fake together, so it cannot show a speed-up)`,
  );
  for (const o of outcomes) {
    const cpu = cpuOf(o);
    const db = o.figures.postgresCpuS;
    const rate = (s: number) => (s > 0 ? (o.posted / s).toFixed(0) : '?');
    console.log(`  ${o.title}: ${rate(cpu)} posts/s per core of Paperboy, ${rate(db)} per core of PostgreSQL, ${rate(cpu + db)} for both on one core`);
  }
  // The platforms' pace: every channel at 1 post/s at once, unless the workspaces' limit is lower.
  const pace = Math.min(layout.channels, PER_WORKSPACE_PER_SECOND * layout.workspaces);
  console.log(
    `  With P cores for the workers and D for PostgreSQL: about min(P × the Paperboy figure, D × the PostgreSQL figure, ${pace} posts/s the platform allows here: 1 post/s per channel, ${PER_WORKSPACE_PER_SECOND} per workspace). Nothing here measures more than ${cpus().length} cores.`,
  );
  failed = outcomes.some((o) => o.figures.finished !== 'done' || o.duplicates > 0 || o.lost > 0);
} catch (err) {
  console.log(`scale bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  failed = true;
} finally {
  await hf.close();
}
process.exit(failed ? 1 : 0);
