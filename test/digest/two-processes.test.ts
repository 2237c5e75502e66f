import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStores } from '../../src/store/sqlite/index.js';
import { FakeSlack } from '../support/fake-slack.js';
import { scaledClock } from '../support/scaled-clock.js';

const CHILD = join(import.meta.dirname, '..', 'support', 'delivery-child.ts');
/** Minutes pass in seconds: a 150 s Retry-After is 3 s of test. */
const SCALE = 50;

function run(args: string[]): Promise<number | null> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

describe('two processes on one database (issue #10, point 3)', () => {
  let dir = '';
  let fake: FakeSlack | null = null;
  afterEach(async () => {
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('with Slack answering the first post Retry-After: 150, every paper is posted exactly once', async () => {
    dir = mkdtempSync(join(tmpdir(), 'paperboy-two-'));
    const db = join(dir, 'paperboy.db');
    const epoch = Date.now();
    const clock = scaledClock(epoch, SCALE);
    const setup = openSqliteStores(db);
    const c = await setup.channels.ensure({ platform: 'slack', workspaceId: 'TFAKE', channelId: 'C1' }, new Date(epoch - 86_400_000).toISOString());
    await setup.rules.add(c.id, 'pruning', 'U1', new Date(epoch).toISOString());
    await setup.close();
    fake = await FakeSlack.start({ now: clock.nowMs });
    // The first post opens a 150 s rate limit on the channel: every post before it ends is refused too.
    fake.rateLimitFromNext('chat.postMessage', 150, 'C1');

    const a = run([db, fake.apiUrl, String(epoch), String(SCALE), 'cycle', 'host-a:1']);
    // The second process comes by after the first one's lease (120 s) would have run out, while it still waits.
    const b = run([db, fake.apiUrl, String(epoch), String(SCALE), 'late', 'host-b:2']);
    expect(await a).toBe(0);
    expect(await b).toBe(0);

    const keys = fake.posts('C1').map((p) => (p.metadata as { event_payload: { idempotency_key: string } }).event_payload.idempotency_key);
    // Header and three papers, each once.
    expect(keys).toHaveLength(4);
    expect(new Set(keys).size).toBe(4);
    expect(fake.rateLimited.length).toBeGreaterThan(0);
    const check = openSqliteStores(db);
    expect(await check.deliveries.countByStatus()).toMatchObject({ sent: 4, planned: 0, attempted: 0 });
    await check.close();
  }, 60_000);
});
