/**
 * Delivery benchmark, with default settings (loadConfig({}): the default
 * PAPERS_CHANNEL_CONCURRENCY and the Slack adapter's own pacing), through the
 * real Slack chat port against the local fake Slack holding chat.postMessage
 * to 1 post per second per channel (429 + Retry-After beyond):
 *  1. 200 channels × (header + 5 papers): wall time against the pace bound;
 *  2. the same with a workspace-wide limit of 20 posts/s beside it, which
 *     Paperboy has to find through Slack's 429s;
 *  3. 10,000 channels × (header + 1 paper): wall time and peak RSS.
 * Figures only; nothing asserted. The fake runs in a process of its own
 * (test/support/fake-slack-process.ts), so the CPU and peak RSS figures are
 * Paperboy's (this process: the digest pipeline, the Slack adapter, SQLite,
 * and the bench's own papers); the fake's are printed beside them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostingClient } from '../adapters/slack/client.js';
import { createSlackPort } from '../adapters/slack/port.js';
import { systemClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { createDigestService } from '../src/digest/pipeline.js';
import { processOwner } from '../src/digest/owner.js';
import { silentLogger } from '../src/log.js';
import { Metrics } from '../src/metrics.js';
import type { Paper } from '../src/papers/paper.js';
import { createRuleEngine } from '../src/rules/rule-engine.js';
import type { PaperSource } from '../src/sources/source.js';
import { openSqliteStores } from '../src/store/sqlite/index.js';
import { sleep } from '../src/util/limit.js';
import { RemoteFakeSlack } from '../test/support/fake-slack-process.js';
import { makePaper } from '../test/support/papers.js';

interface Run {
  channels: number;
  papersPerChannel: number;
  workspacePerSecond?: number;
}

interface Result {
  wallS: number;
  boundS: number;
  firstPostS: number;
  lastPostS: number;
  posted: number;
  planned: number;
  duplicates: number;
  rateLimited: number;
  peakRssMb: number;
  /** CPU this process used (Paperboy, not the fake): on a loaded machine, wall time minus waiting. */
  cpuS: number;
  /** The fake Slack's own process. */
  fakeCpuS: number;
  fakePeakRssMb: number;
  concurrency: number;
  /** Where the time beyond the pace went: when the channels began, and the gaps between one channel's posts. */
  firstPostsS: { from: number; to: number };
  gapsMs: { median: number; p90: number; max: number };
}

/** Each channel's first post (s after the start) and the gaps between its consecutive posts (ms). */
function perChannel(calls: readonly { channel: string; at: number }[], startedAt: number): Pick<Result, 'firstPostsS' | 'gapsMs'> {
  const byChannel = new Map<string, number[]>();
  for (const c of calls) {
    if (!c.channel.startsWith('C')) continue;
    const times = byChannel.get(c.channel);
    if (times) times.push(c.at);
    else byChannel.set(c.channel, [c.at]);
  }
  const firsts = [...byChannel.values()].map((t) => ((t[0] ?? startedAt) - startedAt) / 1000);
  const gaps = [...byChannel.values()].flatMap((t) => t.slice(1).map((at, i) => at - (t[i] ?? at))).sort((a, b) => a - b);
  const q = (p: number) => gaps[Math.min(gaps.length - 1, Math.floor(p * gaps.length))] ?? 0;
  return { firstPostsS: { from: Math.min(...firsts), to: Math.max(...firsts) }, gapsMs: { median: q(0.5), p90: q(0.9), max: gaps.at(-1) ?? 0 } };
}

const defaults = loadConfig({});

function papersFor(channels: number, perChannel: number, day: string): Paper[] {
  const out: Paper[] = [];
  for (let c = 0; c < channels; c++) {
    for (let k = 0; k < perChannel; k++) {
      const n = c * perChannel + k;
      out.push(
        makePaper({
          id: `2599.${String(n).padStart(5, '0')}`,
          title: `Advances in topic${c} number ${k}`,
          abstract: `We study topic${c} with a new method and report results on standard benchmarks.`,
          authors: ['Ada Fixture'],
          publishedAt: `${day}T00:00:00.000Z`,
          hfDate: day,
          upvotes: k,
          sources: ['hf'],
        }),
      );
    }
  }
  return out;
}

async function run(r: Run): Promise<Result> {
  const fake = await RemoteFakeSlack.start({
    postLimits: { perChannelPerSecond: 1, ...(r.workspacePerSecond ? { perWorkspacePerSecond: r.workspacePerSecond } : {}) },
  });
  const day = new Date().toISOString().slice(0, 10);
  const papers = papersFor(r.channels, r.papersPerChannel, day);
  const source: PaperSource = { name: 'hf', fetchDay: async (d) => ({ day: d, papers: d === day ? papers : [], skipped: [] }) };
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-bench-'));
  const stores = openSqliteStores(join(dir, 'bench.db'));
  const now = new Date(Date.now() - 60_000).toISOString();
  for (let c = 0; c < r.channels; c++) {
    const ch = await stores.channels.ensure({ platform: 'slack', workspaceId: fake.teamId, channelId: `C${c}` }, now);
    await stores.rules.add(ch.id, `topic${c}`, 'U1', now);
  }
  const logger = silentLogger();
  // The adapter as `paperboy run` builds it: its own client (no retries), its default pacing.
  const port = createSlackPort({ client: createPostingClient(fake.token, logger, { apiUrl: fake.apiUrl }), logger, clock: systemClock });
  const digest = createDigestService({
    stores,
    engine: createRuleEngine(),
    sources: [source],
    ports: new Map([[port.platform, port]]),
    clock: systemClock,
    logger,
    metrics: new Metrics(),
    owner: processOwner(),
    leaseMs: 120_000,
    maxAttempts: 3,
    sleep,
    settings: {
      maxPerDigest: defaults.PAPERS_MAX_PER_DIGEST,
      channelConcurrency: defaults.PAPERS_CHANNEL_CONCURRENCY,
      defaultTimezone: 'UTC',
      maxCatchUpDays: 7,
    },
  });

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await digest.runCycle();
  // Deliveries a 429 put back for later go out on the scheduler's minute tick; here, at once when due.
  while ((await stores.deliveries.countByStatus()).planned > 0) {
    await sleep(200);
    await digest.deliverPending();
  }
  const wallS = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);

  const seen = await fake.report();
  const fakeUsage = await fake.usage();
  const posts = seen.posts.filter((p) => p.channel.startsWith('C'));
  const postCalls = seen.postCalls.map((c) => c.at);
  const startedAt = Date.now() - wallS * 1000;
  const keys = posts.map((p) => String(p.key));
  const perMessage = r.papersPerChannel + 1;
  const total = r.channels * perMessage;
  // The pace: each channel's posts 1 s apart; with a workspace limit, all posts at that rate.
  const channelBound = perMessage - 1;
  const workspaceBound = r.workspacePerSecond ? total / r.workspacePerSecond - 1 : 0;
  const result: Result = {
    wallS,
    boundS: Math.max(channelBound, workspaceBound, 1),
    firstPostS: (Math.min(...postCalls) - startedAt) / 1000,
    lastPostS: (Math.max(...postCalls) - startedAt) / 1000,
    posted: new Set(keys).size,
    planned: total,
    duplicates: keys.length - new Set(keys).size,
    rateLimited: seen.rateLimited,
    peakRssMb: peakRss / 2 ** 20,
    cpuS: (cpu.user + cpu.system) / 1e6,
    concurrency: defaults.PAPERS_CHANNEL_CONCURRENCY,
    fakeCpuS: fakeUsage.cpuS,
    fakePeakRssMb: fakeUsage.peakRssMb,
    ...perChannel(seen.postCalls, startedAt),
  };
  await stores.close();
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
  return result;
}

function report(title: string, r: Run, x: Result, paced = true): void {
  console.log(`\n${title}`);
  console.log(
    `  channels: ${r.channels} × ${r.papersPerChannel + 1} posts (header + ${r.papersPerChannel} papers) = ${x.planned}; PAPERS_CHANNEL_CONCURRENCY (default): ${x.concurrency}`,
  );
  console.log(`  fake limits: 1 post/s per channel${r.workspacePerSecond ? `, ${r.workspacePerSecond} posts/s per workspace` : ''}; 429 + Retry-After beyond`);
  if (paced)
    console.log(`  wall time: ${x.wallS.toFixed(2)} s; pace bound: ${x.boundS.toFixed(0)} s; ratio: ${(x.wallS / x.boundS).toFixed(2)}× (target ≤ 1.3×)`);
  // Two posts a channel take a second of pace: at this size the figure is CPU, not the platform's pace.
  else console.log(`  wall time: ${x.wallS.toFixed(2)} s; ${(x.planned / x.wallS).toFixed(0)} posts/s`);
  console.log(
    `  first post after ${x.firstPostS.toFixed(2)} s (fetch, store, match, plan), last post after ${x.lastPostS.toFixed(2)} s; CPU used: ${x.cpuS.toFixed(2)} s (Paperboy alone: ${((x.cpuS * 1000) / x.planned).toFixed(2)} ms a post)`,
  );
  console.log(
    `  posted: ${x.posted}; duplicates: ${x.duplicates}; lost: ${x.planned - x.posted}; 429s received: ${x.rateLimited}; peak RSS: ${x.peakRssMb.toFixed(0)} MB (Paperboy's process)`,
  );
  if (paced)
    console.log(
      `  channels' first posts after ${x.firstPostsS.from.toFixed(2)}–${x.firstPostsS.to.toFixed(2)} s; gaps between one channel's posts (calls, 429s included): median ${x.gapsMs.median.toFixed(0)} ms, p90 ${x.gapsMs.p90.toFixed(0)} ms, max ${x.gapsMs.max.toFixed(0)} ms`,
    );
  console.log(`  the fake Slack, in its own process: CPU ${x.fakeCpuS.toFixed(2)} s since it started, peak RSS ${x.fakePeakRssMb.toFixed(0)} MB`);
}

const only = process.env.DELIVERY_BENCH_ONLY;
const plain: Run = { channels: 200, papersPerChannel: 5 };
if (!only || only === '1') report('1. per-channel limit only', plain, await run(plain));
const workspace: Run = { channels: 200, papersPerChannel: 5, workspacePerSecond: 20 };
if (!only || only === '2') report('2. with a workspace-wide limit beside it', workspace, await run(workspace));
const large: Run = { channels: 10_000, papersPerChannel: 1 };
if (!only || only === '3') report('3. 10,000 channels (memory)', large, await run(large), false);
