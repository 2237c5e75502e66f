import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../app/core.js';
import { runApp, type RunningApp } from '../../app/run.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { FakeSource } from '../support/fake-source.js';
import { makePaper } from '../support/papers.js';

describe('operations endpoints', () => {
  let app: RunningApp | null = null;
  let dir = '';
  afterEach(async () => {
    await app?.stop();
    app = null;
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(source: FakeSource): Promise<{ base: string; stdin: PassThrough; stdout: PassThrough; core: Awaited<ReturnType<typeof createCore>> }> {
    dir = mkdtempSync(join(tmpdir(), 'paperboy-ops-'));
    const config = loadConfig({ DATABASE_PATH: join(dir, 'db.sqlite'), PORT: '0' });
    const core = await createCore({ config, logger: silentLogger(), sources: [source] });
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    app = await runApp(core, { stdin, stdout, schedule: false });
    return { base: `http://127.0.0.1:${app.httpPort}`, stdin, stdout, core };
  }

  it('GET /healthz names a bot token a platform refused, with what to do, until a channel of it is resumed (issue #10)', async () => {
    const { base, core } = await start(new FakeSource('hf'));
    const now = new Date().toISOString();
    const channel = await core.stores.channels.ensure({ platform: 'slack', workspaceId: 'T1', channelId: 'C1' }, now);
    // What the pipeline does on invalid_auth / token_revoked.
    await core.stores.channels.pauseWorkspace('slack', 'T1', 'the Slack bot token was revoked (token_revoked)', now);
    const body = (await (await fetch(`${base}/healthz`)).json()) as { status: string; tokenFailures: unknown[] };
    expect(body.status).toBe('ok');
    expect(body.tokenFailures).toEqual([
      {
        platform: 'slack',
        workspaceId: 'T1',
        reason: 'the Slack bot token was revoked (token_revoked)',
        at: now,
        action: 'fix the token, restart Paperboy, then run /papers resume in each paused channel',
      },
    ]);
    await core.stores.channels.setPaused(channel.id, false, null, now);
    expect(((await (await fetch(`${base}/healthz`)).json()) as { tokenFailures: unknown[] }).tokenFailures).toEqual([]);
  });

  it('GET /healthz reports the database and the last successful fetch per source', async () => {
    const source = new FakeSource('hf');
    source.set(new Date().toISOString().slice(0, 10), [makePaper({ title: 'Pruning' })]);
    const { base } = await start(source);
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; database: boolean; sources: { source: string; lastSuccessAt: string | null }[] };
    expect(body.status).toBe('ok');
    expect(body.database).toBe(true);
    expect(body.sources.find((s) => s.source === 'hf')?.lastSuccessAt).toEqual(expect.any(String));
  });

  it('GET /healthz and GET /metrics report this worker: its id, the claims it holds, the lag of the oldest due planned delivery (issue #12)', async () => {
    const { base, core } = await start(new FakeSource('hf'));
    const channel = await core.stores.channels.ensure({ platform: 'slack', workspaceId: 'T1', channelId: 'C1' }, new Date().toISOString());
    const plannedAt = new Date(Date.now() - 90_000).toISOString();
    const message = { kind: 'more' as const, remaining: 2 };
    await core.stores.deliveries.planDigest({
      channelId: channel.id,
      digestId: 'd1',
      plannedAt,
      coveredUntil: plannedAt,
      keepWindow: true,
      deliveries: [
        { kind: 'more', paperId: null, idempotencyKey: 'k1', message, status: 'planned' },
        { kind: 'more', paperId: null, idempotencyKey: 'k2', message, status: 'planned' },
      ],
    });
    const id = core.coordination.workerId;
    const [first] = await core.stores.deliveries.unsent(channel.id);
    await core.stores.deliveries.claimChannel(channel.id, id, new Date().toISOString(), 120_000);
    await core.stores.deliveries.claim(first!.id, id, new Date().toISOString(), 120_000);

    const body = (await (await fetch(`${base}/healthz`)).json()) as {
      worker: { id: string; claims: { deliveries: number; channels: number }; oldestPlannedLagSeconds: number };
      workers: number;
    };
    expect(body.worker.id).toBe(id);
    expect(body.worker.claims).toEqual({ deliveries: 1, channels: 1 });
    // The second delivery has waited since it was planned, 90 s ago.
    expect(body.worker.oldestPlannedLagSeconds).toBeGreaterThanOrEqual(90);
    expect(body.worker.oldestPlannedLagSeconds).toBeLessThan(90 + 60);
    expect(body.workers).toBe(1);

    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain(`paperboy_worker_info{worker="${id}"} 1`);
    expect(text).toMatch(/^paperboy_worker_claims\{kind="delivery"\} 1$/m);
    expect(text).toMatch(/^paperboy_worker_claims\{kind="channel"\} 1$/m);
    expect(Number(/^paperboy_delivery_lag_seconds (\S+)$/m.exec(text)?.[1])).toBeGreaterThanOrEqual(90);
    expect(text).toMatch(/^paperboy_workers_live 1$/m);
  });

  it('GET /metrics speaks the Prometheus text format with fetch counts', async () => {
    const source = new FakeSource('hf');
    source.set(new Date().toISOString().slice(0, 10), [makePaper(), makePaper()]);
    const { base } = await start(source);
    const res = await fetch(`${base}/metrics`);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain('# TYPE paperboy_papers_fetched_total counter');
    expect(text).toMatch(/^paperboy_papers_fetched_total\{source="hf"\} 2$/m);
    expect(text).toMatch(/^paperboy_source_latency_seconds_count\{source="hf"\} 1$/m);
    // the running app adds the process: memory, event-loop lag
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(text).toMatch(/^process_resident_memory_bytes \d+$/m);
    expect(text).toMatch(/^paperboy_event_loop_lag_seconds [\d.e-]+$/m);
  });

  it('answers 404 for unknown paths', async () => {
    const { base } = await start(new FakeSource('hf'));
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });
});
