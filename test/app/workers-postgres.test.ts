import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStores } from '../../src/store/postgres/index.js';
import type { Stores } from '../../src/store/types.js';
import { FakeSlack } from '../support/fake-slack.js';
import { adminQuery, dropSchema, PG_URL, schemaUrl, uniqueSchemaName } from '../support/postgres.js';
import { hfDailyPapers, startSourceServer, type SourceServer } from '../support/source-server.js';
import { startWorker, type WorkerProcess } from '../support/workers.js';

const CHANNELS = 12;
const PAPERS_PER_CHANNEL = 3;
const TOTAL = CHANNELS * (1 + PAPERS_PER_CHANNEL);

/** Today's Daily Papers list: three papers about each channel's topic. */
function dailyList(day: string): unknown[] {
  const items: unknown[] = [];
  for (let c = 0; c < CHANNELS; c++) {
    for (let k = 0; k < PAPERS_PER_CHANNEL; k++) {
      const id = `2599.${String(c * PAPERS_PER_CHANNEL + k).padStart(5, '0')}`;
      items.push({
        paper: {
          id,
          title: `Advances in topic${c} number ${k}`,
          summary: `We study topic${c} with a new method.`,
          authors: [{ name: 'Ada Fixture' }],
          publishedAt: `${day}T00:00:00.000Z`,
          upvotes: k,
        },
        publishedAt: `${day}T06:00:00.000Z`,
      });
    }
  }
  return items;
}

const keyOf = (metadata: unknown): string => (metadata as { event_payload: { idempotency_key: string } }).event_payload.idempotency_key;

/**
 * docker-compose.yml's scale-out without Docker: three `paperboy run`
 * processes with one environment on one PostgreSQL database, Slack over HTTP
 * (each on its own port), against a fake Slack pacing 1 post/s per channel.
 * One worker is killed with SIGKILL while a post it sent has reached Slack
 * and its answer has not reached the worker.
 */
describe.skipIf(!PG_URL)('postgres: three paperboy run workers on one database', () => {
  const schema = uniqueSchemaName('workers');
  let fake: FakeSlack;
  let hf: SourceServer;
  let stores: Stores;
  const workers: WorkerProcess[] = [];
  const today = new Date().toISOString().slice(0, 10);
  const sql = async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> => {
    const client = new pg.Client({ connectionString: schemaUrl(schema) });
    await client.connect();
    try {
      return (await client.query<R>(text, values)).rows;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    await adminQuery(`CREATE SCHEMA ${schema}`);
    stores = await openPostgresStores(schemaUrl(schema), { schema });
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    for (let c = 0; c < CHANNELS; c++) {
      const ch = await stores.channels.ensure({ platform: 'slack', workspaceId: 'TFAKE', channelId: `C${c}` }, yesterday);
      await stores.rules.add(ch.id, `topic${c}`, 'U1', yesterday);
    }
    // Recovery after the kill reads history: an internal app's Tier 3 rather than a Marketplace-less app's one call a minute.
    fake = await FakeSlack.start({ postLimits: { perChannelPerSecond: 1 }, history: { perMinute: 50, pageMax: 15 } });
    hf = await startSourceServer();
    hf.route(
      '/api/daily_papers',
      hfDailyPapers((day) => (day === today ? dailyList(day) : undefined)),
    );
  });
  afterAll(async () => {
    for (const w of workers) w.proc.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    await stores?.close();
    await fake?.close();
    await hf?.close();
    await dropSchema(schema);
  });

  it('each slot runs once, the source is fetched once, each paper arrives exactly once and in order, a killed worker’s claims pass on', async () => {
    // One environment for all three, as the compose file's shared .env.
    const env = {
      DATABASE_URL: schemaUrl(schema),
      SLACK_BOT_TOKEN: fake.token,
      SLACK_SIGNING_SECRET: 'test-signing-secret',
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
      HF_API_URL: hf.url,
      PAPERS_SOURCES: 'hf',
      TZ: 'UTC',
      PAPERS_DIGEST_TIME: '00:00',
      PAPERS_CHANNEL_CONCURRENCY: '3',
    };
    for (let i = 0; i < 3; i++) workers.push(startWorker(env));
    const ids = await Promise.all(workers.map((w) => w.id));
    expect(new Set(ids).size).toBe(3);

    // At 30 % of the posts, the next post reaches Slack and its answer never comes back; its sender is killed.
    await expect.poll(() => fake.posts().length, { timeout: 60_000, interval: 20 }).toBeGreaterThanOrEqual(Math.ceil(TOTAL * 0.3));
    fake.holdResponseNext('chat.postMessage');
    await expect.poll(() => fake.held.length, { timeout: 20_000, interval: 10 }).toBe(1);
    const heldKey = keyOf(fake.held[0]?.body.metadata);
    const [inFlight] = await stores.deliveries.unsent().then((rows) => rows.filter((d) => d.idempotencyKey === heldKey));
    expect(inFlight?.status).toBe('attempted');
    const victim = workers[ids.indexOf(inFlight?.claimedBy ?? '')];
    if (!victim) throw new Error(`no worker named ${inFlight?.claimedBy}`);
    victim.proc.kill('SIGKILL');
    expect((await victim.exited).signal).toBe('SIGKILL');

    await expect.poll(async () => (await stores.deliveries.countByStatus()).sent, { timeout: 60_000, interval: 200 }).toBe(TOTAL);
    const counts = await stores.deliveries.countByStatus();
    expect(counts).toMatchObject({ planned: 0, attempted: 0, failed: 0, held: 0, sent: TOTAL });

    // Exactly once: every delivery reached Slack once, the one in flight at the kill included (found, not posted again).
    const keys = fake.posts().map((p) => keyOf(p.metadata));
    expect(keys).toHaveLength(TOTAL);
    expect(new Set(keys).size).toBe(TOTAL);
    expect(keys.filter((k) => k === heldKey)).toHaveLength(1);

    // In order, header first, in every channel.
    for (let c = 0; c < CHANNELS; c++) {
      const planned = await sql<{ idempotency_key: string; kind: string }>(
        `SELECT d.idempotency_key, d.kind FROM deliveries d JOIN channels c ON c.id = d.channel_id
         WHERE c.channel_id = $1 ORDER BY d.planned_at, d.digest_id, d.seq, d.id`,
        [`C${c}`],
      );
      expect(planned.map((d) => d.kind)).toEqual(['header', 'paper', 'paper', 'paper']);
      expect(fake.posts(`C${c}`).map((p) => keyOf(p.metadata))).toEqual(planned.map((d) => d.idempotency_key));
    }
    // The work spread: more than one worker posted.
    const posters = await sql<{ claimed_by: string }>(`SELECT DISTINCT claimed_by FROM deliveries WHERE status = 'sent'`);
    expect(posters.length).toBeGreaterThanOrEqual(2);

    // One worker ran the digest slot; the others skipped it while it ran and found nothing due after.
    const digested = workers.filter((w) => w.messages().includes('scheduled digest'));
    expect(digested).toHaveLength(1);
    // Hugging Face was asked for today once, by one of the three.
    expect(hf.requests.filter((r) => r.url.searchParams.get('date') === today)).toHaveLength(1);

    // Each survivor reports itself, and the database sees two workers alive.
    const survivors = workers.filter((w) => w !== victim);
    for (const w of survivors) {
      const res = await fetch(`http://127.0.0.1:${await w.port}/healthz`);
      const body = (await res.json()) as { worker: { id: string; claims: { deliveries: number; channels: number } }; workers: number };
      expect(body.worker.id).toBe(await w.id);
      expect(body.worker.claims).toEqual({ deliveries: 0, channels: 0 });
      expect(body.workers).toBe(2);
      const metrics = await (await fetch(`http://127.0.0.1:${await w.port}/metrics`)).text();
      expect(metrics).toContain(`paperboy_worker_info{worker="${await w.id}"} 1`);
    }
  }, 120_000);
});
