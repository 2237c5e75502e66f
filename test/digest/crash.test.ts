import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStores } from '../../src/store/sqlite/index.js';
import { startHttpChatFake, type HttpChatFake } from '../support/http-chat.js';

const CHILD = join(import.meta.dirname, '..', 'support', 'crash-child.ts');

function runChild(db: string, base: string, day: string): { exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>; kill: () => void } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, db, base, day], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { exited, kill: () => child.kill('SIGKILL') };
}

describe('crash during delivery', () => {
  let dir = '';
  let fake: HttpChatFake | null = null;
  afterEach(async () => {
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a digest killed with SIGKILL mid-delivery is finished by the next run, every planned post exactly once', async () => {
    dir = mkdtempSync(join(tmpdir(), 'paperboy-crash-'));
    const db = join(dir, 'paperboy.db');
    const day = new Date().toISOString().slice(0, 10);
    const setup = openSqliteStores(db);
    for (const id of ['C1', 'C2', 'C3']) {
      const c = await setup.channels.ensure({ platform: 'slack', workspaceId: 'T1', channelId: id }, new Date().toISOString());
      await setup.rules.add(c.id, 'pruning', 'U1', new Date().toISOString());
    }
    await setup.close();

    // The 5th post reaches the platform, and the poster dies before hearing back.
    let kill: () => void = () => undefined;
    let total = 0;
    fake = await startHttpChatFake({
      onPost: () => {
        total += 1;
        if (total === 5) {
          kill();
          return false;
        }
        return true;
      },
    });
    const first = runChild(db, fake.base, day);
    kill = first.kill;
    expect((await first.exited).signal).toBe('SIGKILL');
    // The other channel's sender may land one more post before the kill takes effect.
    const beforeKill = total;
    expect(beforeKill).toBeGreaterThanOrEqual(5);
    expect(beforeKill).toBeLessThan(21);

    const second = runChild(db, fake.base, day);
    expect((await second.exited).code).toBe(0);

    const check = openSqliteStores(db);
    const statuses = await check.deliveries.countByStatus();
    await check.close();
    // 3 channels × (header + 6 papers)
    expect(statuses.sent).toBe(21);
    expect(statuses.planned + statuses.attempted + statuses.failed).toBe(0);
    expect(fake.posts.size).toBe(21);
    expect([...fake.posts.values()].every((n) => n === 1)).toBe(true);
  }, 60_000);
});
