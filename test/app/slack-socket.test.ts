import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../app/core.js';
import { runApp, type RunningApp } from '../../app/run.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { FakeSlack } from '../support/fake-slack.js';
import { FakeSource } from '../support/fake-source.js';
import { makePaper } from '../support/papers.js';
import { SocketModeServer } from '../support/socket-mode-server.js';

/**
 * Socket Mode, the README's default Slack setup: no public URL, no PORT. The
 * real app connects out through the real Bolt/Socket Mode client to a local
 * WebSocket standing in for Slack, receives slash commands as envelopes,
 * acknowledges them, and posts the digest through the (fake) Web API.
 */
describe('Paperboy on Slack Socket Mode, end to end', () => {
  let app: RunningApp | null = null;
  let fake: FakeSlack | null = null;
  let socket: SocketModeServer | null = null;
  let dir = '';
  afterEach(async () => {
    await app?.stop();
    await socket?.close();
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('acknowledges /papers envelopes, answers through response_url and posts the digest', async () => {
    fake = (await FakeSlack.start()).setUser('U1');
    socket = await SocketModeServer.start();
    fake.socketUrl = socket.url;
    dir = mkdtempSync(join(tmpdir(), 'paperboy-socket-'));
    const day = new Date().toISOString().slice(0, 10);
    const source = new FakeSource('hf').set(day, [makePaper({ title: 'Pruning via sockets', hfDate: day, sources: ['hf'] })]);
    const config = loadConfig({
      DATABASE_PATH: join(dir, 'db.sqlite'),
      SLACK_BOT_TOKEN: fake.token,
      SLACK_APP_TOKEN: fake.appToken,
      SLACK_API_URL: fake.apiUrl,
    });
    expect(config.PORT).toBeUndefined();
    const core = await createCore({ config, logger: silentLogger(), sources: [source] });
    app = await runApp(core, { stdin: new PassThrough(), stdout: new PassThrough(), schedule: false });
    expect(app.httpPort).toBeNull();
    await socket.waitForClient();

    const command = (text: string, id: string) =>
      socket!.push(`env-${id}`, 'slash_commands', {
        command: '/papers',
        text,
        user_id: 'U1',
        user_name: 'ada',
        team_id: fake!.teamId,
        channel_id: 'C9',
        channel_name: 'papers',
        response_url: fake!.responseUrl(id),
        trigger_id: 't',
        api_app_id: 'AFAKE',
      });

    command('subscribe pruning', 's1');
    await expect.poll(() => socket!.acks.some((a) => a.envelope_id === 'env-s1'), { timeout: 5000 }).toBe(true);
    await expect.poll(() => JSON.stringify(fake!.responses.find((r) => r.id === 's1')?.body ?? null), { timeout: 5000 }).toContain('pruning');

    command('digest', 'd1');
    await expect.poll(() => fake!.posts('C9').length, { timeout: 10_000 }).toBe(2);
    expect(fake.posts('C9')[0]?.text).toMatch(/1 new paper for pruning/);
    expect(socket.acks.some((a) => a.envelope_id === 'env-d1')).toBe(true);
  });
});
