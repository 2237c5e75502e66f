/**
 * One Paperboy process delivering to the fake Slack on a shared database, as
 * `paperboy run` would: a digest cycle (or not), then a retry tick every
 * (scaled) minute until nothing is left to send. The two-process test in
 * test/digest/two-processes.test.ts runs two of these at once. `late` waits
 * for the other process's first claim and starts ticking just after its lease
 * (120 s) would have run out unrenewed.
 * Usage: node --import tsx delivery-child.ts <db> <slack api url> <epoch ms> <scale> <cycle|late> <owner>
 */
import { createPostingClient } from '../../adapters/slack/client.js';
import { createSlackPort } from '../../adapters/slack/port.js';
import { createDigestService } from '../../src/digest/pipeline.js';
import { silentLogger } from '../../src/log.js';
import { Metrics } from '../../src/metrics.js';
import { createRuleEngine } from '../../src/rules/rule-engine.js';
import { openSqliteStores } from '../../src/store/sqlite/index.js';
import { makePaper } from './papers.js';
import { scaledClock } from './scaled-clock.js';

const [dbPath, apiUrl, epochText, scaleText, mode, owner] = process.argv.slice(2) as [string, string, string, string, string, string];
const clock = scaledClock(Number(epochText), Number(scaleText));
const day = clock.now().toISOString().slice(0, 10);
const papers = Array.from({ length: 3 }, (_, i) => makePaper({ id: `2599.0000${i}`, title: `Pruning method ${i}`, hfDate: day, upvotes: i }));
const stores = openSqliteStores(dbPath);
const logger = silentLogger();
const port = createSlackPort({ client: createPostingClient('xoxb-fake-token', logger, { apiUrl }), logger, clock, sleep: clock.sleep });
const digest = createDigestService({
  stores,
  engine: createRuleEngine(),
  sources: [{ name: 'hf', fetchDay: async (d) => ({ day: d, papers: d === day ? papers : [], skipped: [] }) }],
  ports: new Map([[port.platform, port]]),
  clock,
  logger,
  metrics: new Metrics(),
  owner,
  leaseMs: 120_000,
  maxAttempts: 4,
  sleep: clock.sleep,
  settings: { maxPerDigest: 10, channelConcurrency: 8, defaultTimezone: 'UTC', maxCatchUpDays: 7 },
});
if (mode === 'cycle') await digest.runCycle();
if (mode === 'late') {
  // Polled every few real milliseconds, so the first claim is seen within a fraction of a scaled second.
  while (!(await stores.deliveries.unsent()).some((d) => d.claimedBy)) await new Promise((r) => setTimeout(r, 5));
  await clock.sleep(121_000);
  await digest.deliverPending();
}
const deadline = clock.nowMs() + 30 * 60_000;
for (;;) {
  const c = await stores.deliveries.countByStatus();
  if ((c.planned === 0 && c.attempted === 0 && c.sent > 0) || clock.nowMs() > deadline) break;
  await clock.sleep(60_000);
  await digest.deliverPending();
}
await stores.close();
process.stdout.write('done\n');
