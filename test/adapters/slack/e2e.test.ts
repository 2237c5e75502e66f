import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPostingClient, createSlackPort, startSlack } from '../../../adapters/slack/index.js';
import type { RunningAdapter } from '../../../src/chat/adapter.js';
import type { ChatPort } from '../../../src/chat/port.js';
import { textReply } from '../../../src/chat/reply.js';
import { fixedClock } from '../../../src/clock.js';
import { createDigestService, type DigestPipeline } from '../../../src/digest/pipeline.js';
import { silentLogger } from '../../../src/log.js';
import { Metrics } from '../../../src/metrics.js';
import { createPhraseEngine } from '../../support/phrase-engine.js';
import { openSqliteStores } from '../../../src/store/sqlite/index.js';
import type { Stores } from '../../../src/store/types.js';
import { FakeSlack, type StoredMessage } from '../../support/fake-slack.js';
import { FakeSource } from '../../support/fake-source.js';
import { TestRoutes } from '../../support/http-routes.js';
import { makePaper } from '../../support/papers.js';
import { RecordingCommands, SECRET, testCore } from './helpers.js';
import { eventCallback, postToSlackEvents } from './signed.js';

const LEASE_MS = 60_000;
const clock = fixedClock(new Date());
const day = clock.now().toISOString().slice(0, 10);

let fake: FakeSlack;
let stores: Stores;
let source: FakeSource;

/** A pipeline as one process runs it: its own owner id and its own Slack port. */
function pipeline(owner: string, port: ChatPort, maxAttempts: number): DigestPipeline {
  return createDigestService({
    stores,
    engine: createPhraseEngine(),
    sources: [source],
    ports: new Map([[port.platform, port]]),
    clock,
    logger: silentLogger(),
    metrics: new Metrics(),
    owner,
    leaseMs: LEASE_MS,
    maxAttempts,
    sleep: async () => undefined,
    settings: { maxPerDigest: 10, channelConcurrency: 4, defaultTimezone: 'UTC', maxCatchUpDays: 2 },
  });
}

const newPort = (): ChatPort =>
  createSlackPort({ client: createPostingClient(fake.token, silentLogger(), { apiUrl: fake.apiUrl }), logger: silentLogger(), clock, channelIntervalMs: 0 });

const paperIdOf = (m: StoredMessage): string | undefined => (m.metadata as { event_payload?: { paper_id?: string } } | undefined)?.event_payload?.paper_id;

async function subscribe(channelId: string, rule: string): Promise<number> {
  const c = await stores.channels.ensure({ platform: 'slack', workspaceId: fake.teamId, channelId }, clock.now().toISOString());
  await stores.rules.add(c.id, rule, 'U42', clock.now().toISOString());
  return c.id;
}

beforeEach(async () => {
  fake = await FakeSlack.start();
  stores = openSqliteStores(':memory:');
  source = new FakeSource('hf');
  source.set(day, [
    makePaper({ id: '2599.00001', title: 'Structured pruning for transformers', hfDate: day, upvotes: 30 }),
    makePaper({ id: '2599.00002', title: '<!channel> & pruning: a hostile title', hfDate: day, upvotes: 20 }),
    makePaper({ id: '2599.00003', title: 'Pruning graph neural networks', hfDate: day, upvotes: 10 }),
    makePaper({ id: '2599.00004', title: 'Unrelated diffusion work', hfDate: day }),
  ]);
});
afterEach(async () => {
  await stores.close();
  await fake.close();
});

describe('Slack end to end', () => {
  it('subscribe → digest posts a header then one valid message per paper, each with its thread recorded', async () => {
    await subscribe('C1', 'pruning');
    const report = await pipeline('host-a:1', newPort(), 3).runCycle();
    expect(report.channels[0]).toMatchObject({ planned: 3, sent: 4, failed: false });

    const posts = fake.posts('C1');
    expect(posts).toHaveLength(4);
    expect(posts[0]?.text).toMatch(/^3 new papers for pruning — /);
    expect(posts.slice(1).map(paperIdOf).sort()).toEqual(['2599.00001', '2599.00002', '2599.00003']);
    // The fake refuses blocks Slack would refuse, so every post here passed the limits.
    expect(JSON.stringify(posts)).not.toContain('<!channel>');
    for (const p of posts.slice(1))
      expect((await stores.threads.paperFor({ platform: 'slack', workspaceId: fake.teamId, channelId: 'C1' }, p.ts))?.paperId).toBe(paperIdOf(p));
  });

  it('a digest cut off mid-way is finished by the next process, posting nothing twice', async () => {
    await subscribe('C1', 'pruning');
    // The second paper (third post) reaches Slack, but the process never hears back: it died.
    let calls = 0;
    const first = newPort();
    const dying: ChatPort = {
      platform: 'slack',
      send: (ch, msg, o) => {
        calls += 1;
        if (calls === 3) fake.dropResponseNext('chat.postMessage');
        return first.send(ch, msg, o);
      },
    };
    const firstReport = await pipeline('host-a:1', dying, 1).runCycle();
    expect(firstReport.channels[0]?.failed).toBe(true);
    expect(fake.posts('C1')).toHaveLength(3);

    clock.advance(LEASE_MS + 1);
    const sent = await pipeline('host-b:2', newPort(), 3).deliverPending();
    expect(sent).toBe(2);

    const posts = fake.posts('C1');
    expect(posts.map(paperIdOf).filter(Boolean).sort()).toEqual(['2599.00001', '2599.00002', '2599.00003']);
    expect(posts).toHaveLength(4);
    expect(fake.callsTo('conversations.history')).toHaveLength(1);
    expect((await stores.deliveries.countByStatus()).sent).toBe(4);
  });
});

describe('Slack end to end: a thread mention', () => {
  let routes: TestRoutes;
  let adapter: RunningAdapter;
  beforeEach(async () => {
    routes = new TestRoutes();
    await routes.listen();
  });
  afterEach(async () => {
    await adapter.stop();
    await routes.close();
  });

  it('answers about the paper whose thread it is in', async () => {
    await subscribe('C1', 'pruning');
    // Stands in for the core command layer: thread commands look the paper up by the thread id.
    const commands = new RecordingCommands();
    commands.answer = async (ctx, text) => {
      const t = ctx.threadId ? await stores.threads.paperFor(ctx.channel, ctx.threadId) : null;
      return textReply(t ? `${text} for ${t.paperId}` : 'not a paper thread');
    };
    adapter = await startSlack(
      { botToken: fake.token, signingSecret: SECRET, apiUrl: fake.apiUrl, botId: fake.botId, botUserId: fake.botUserId, channelIntervalMs: 0 },
      { ...testCore(commands, routes, clock), stores },
    );
    await pipeline('host-a:1', adapter.port, 3).runCycle();
    const thread = fake.posts('C1').find((p) => paperIdOf(p) === '2599.00003');
    expect(thread).toBeDefined();

    const mention = eventCallback({
      type: 'app_mention',
      user: 'U42',
      text: `<@${fake.botUserId}> authors`,
      ts: '1.5',
      thread_ts: thread?.ts,
      channel: 'C1',
      event_ts: '1.5',
    });
    expect((await postToSlackEvents(routes.url, { ...mention, timestamp: Math.floor(clock.now().getTime() / 1000) })).status).toBe(200);
    const deadline = Date.now() + 3000;
    while (!fake.posts('C1').some((p) => p.threadTs === thread?.ts) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(fake.posts('C1').find((p) => p.threadTs === thread?.ts)?.text).toBe('authors for 2599.00003');
  });
});
