/**
 * Runs one digest cycle against a database file and a fake chat server, as
 * `paperboy digest` would. The crash test kills this process mid-delivery.
 * Usage: node --import tsx crash-child.ts <db path> <chat base url> <day>
 */
import { systemClock } from '../../src/clock.js';
import { createDigestService } from '../../src/digest/pipeline.js';
import { processOwner } from '../../src/digest/owner.js';
import { silentLogger } from '../../src/log.js';
import { Metrics } from '../../src/metrics.js';
import { createRuleEngine } from '../../src/rules/rule-engine.js';
import { openSqliteStores } from '../../src/store/sqlite/index.js';
import { createHttpChatPort } from './http-chat.js';
import { makePaper } from './papers.js';

const [dbPath, base, day] = process.argv.slice(2) as [string, string, string];
const papers = Array.from({ length: 6 }, (_, i) => makePaper({ id: `2599.0000${i}`, title: `Pruning method ${i}`, hfDate: day, upvotes: i }));
const stores = openSqliteStores(dbPath);
const port = createHttpChatPort(base, { platform: 'slack' });
const digest = createDigestService({
  stores,
  engine: createRuleEngine(),
  sources: [{ name: 'hf', fetchDay: async (d) => ({ day: d, papers: d === day ? papers : [], skipped: [] }) }],
  ports: new Map([[port.platform, port]]),
  clock: systemClock,
  logger: silentLogger(),
  metrics: new Metrics(),
  owner: processOwner(),
  leaseMs: 120_000,
  maxAttempts: 3,
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  settings: { maxPerDigest: 10, channelConcurrency: 2, defaultTimezone: 'UTC', maxCatchUpDays: 7 },
});
await digest.deliverPending();
await digest.runCycle();
await stores.close();
process.stdout.write('done\n');
