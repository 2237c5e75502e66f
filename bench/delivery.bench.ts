/**
 * Delivery benchmark: one day's digest for 200 channels × 5 papers through a
 * chat port against a local fake that allows 1 post per second per channel and
 * answers 429 beyond that. Prints wall time against the rate-limit bound and
 * the counts of duplicates and lost posts. Figures only; nothing asserted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChannelPacer } from '../src/chat/pacer.js';
import { systemClock } from '../src/clock.js';
import { createDigestService } from '../src/digest/pipeline.js';
import { silentLogger } from '../src/log.js';
import { Metrics } from '../src/metrics.js';
import type { Paper } from '../src/papers/paper.js';
import { createRuleEngine } from '../src/rules/rule-engine.js';
import type { PaperSource } from '../src/sources/source.js';
import { openSqliteStores } from '../src/store/sqlite/index.js';
import { createHttpChatPort, startHttpChatFake } from '../test/support/http-chat.js';

const CHANNELS = 200;
const PAPERS_PER_CHANNEL = 5;
const MESSAGES_PER_CHANNEL = PAPERS_PER_CHANNEL + 1; // header + papers
const BOUND_S = MESSAGES_PER_CHANNEL - 1; // 1 post/s: the first at t=0, the last at t=5 s

let firstPostAt = 0;
let lastPostAt = 0;
const fake = await startHttpChatFake({
  perChannelIntervalMs: 1000,
  onPost: () => {
    lastPostAt = performance.now();
    if (!firstPostAt) firstPostAt = lastPostAt;
    return true;
  },
});
// Paced like the Slack adapter: 1 s apart per channel, counted from the end of the previous post.
const port = createHttpChatPort(fake.base, { platform: 'slack', pacer: new ChannelPacer(1000) });

const day = new Date().toISOString().slice(0, 10);
const papers: Paper[] = [];
for (let c = 0; c < CHANNELS; c++) {
  for (let k = 0; k < PAPERS_PER_CHANNEL; k++) {
    const n = c * PAPERS_PER_CHANNEL + k;
    papers.push({
      id: `2599.${String(n).padStart(5, '0')}`,
      version: 1,
      title: `Advances in topic${c} number ${k}`,
      abstract: `We study topic${c} with a new method and report results on standard benchmarks.`,
      authors: ['Ada Fixture'],
      publishedAt: `${day}T00:00:00.000Z`,
      hfDate: day,
      upvotes: k,
      aiSummary: null,
      aiKeywords: [],
      codeUrl: null,
      projectUrl: null,
      numComments: null,
      imageUrl: null,
      categories: ['cs.LG'],
      sources: ['hf'],
    });
  }
}
const source: PaperSource = { name: 'hf', fetchDay: async (d) => ({ day: d, papers: d === day ? papers : [], skipped: [] }) };

const dir = mkdtempSync(join(tmpdir(), 'paperboy-bench-'));
const stores = openSqliteStores(join(dir, 'bench.db'));
const now = new Date().toISOString();
for (let c = 0; c < CHANNELS; c++) {
  const ch = await stores.channels.ensure({ platform: 'slack', workspaceId: 'T1', channelId: `C${c}` }, now);
  await stores.rules.add(ch.id, `topic${c}`, 'U1', now);
}
const digest = createDigestService({
  stores,
  engine: createRuleEngine(),
  sources: [source],
  ports: new Map([[port.platform, port]]),
  clock: systemClock,
  logger: silentLogger(),
  metrics: new Metrics(),
  owner: 'bench:1',
  leaseMs: 60_000,
  maxAttempts: 5,
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  settings: { maxPerDigest: 10, channelConcurrency: CHANNELS, defaultTimezone: 'UTC', maxCatchUpDays: 7 },
});

const started = performance.now();
const report = await digest.runCycle();
const wall = (performance.now() - started) / 1000;

const planned = CHANNELS * MESSAGES_PER_CHANNEL;
const posts = fake.posts;
const delivered = [...posts.values()].filter((n) => n >= 1).length;
const duplicates = [...posts.values()].reduce((s, n) => s + Math.max(0, n - 1), 0);
const lost = planned - delivered;
console.log(`channels: ${CHANNELS}, papers per channel: ${PAPERS_PER_CHANNEL}, messages planned: ${planned} (header + papers)`);
console.log(`channel concurrency: ${CHANNELS}; fake limit: 1 post/s/channel, 429 + Retry-After beyond`);
console.log(`wall time: ${wall.toFixed(2)} s; rate-limit bound: ${BOUND_S} s; ratio: ${(wall / BOUND_S).toFixed(2)}× (target ≤ 1.3×)`);
console.log(
  `of which: fetch, store, match and plan before the first post: ${((firstPostAt - started) / 1000).toFixed(2)} s; first to last post: ${((lastPostAt - firstPostAt) / 1000).toFixed(2)} s`,
);
console.log(
  `posted: ${delivered}; duplicates: ${duplicates}; lost: ${lost}; 429s received: ${fake.rejected()}; channels failed: ${report.channels.filter((c) => c.failed).length}`,
);

await stores.close();
await fake.close();
rmSync(dir, { recursive: true, force: true });
