import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../app/core.js';
import { runApp, type RunningApp } from '../../app/run.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { SECRET } from '../adapters/slack/helpers.js';
import { postToSlackEvents, slashCommand } from '../adapters/slack/signed.js';
import { FakeSlack } from '../support/fake-slack.js';
import { FakeSource } from '../support/fake-source.js';
import { makePaper } from '../support/papers.js';

/**
 * The whole product as a Slack workspace sees it: the real app (config, core,
 * HTTP server, Bolt) on 127.0.0.1, the Web API faked, commands signed for real.
 */
describe('Paperboy on Slack, end to end', () => {
  let app: RunningApp | null = null;
  let fake: FakeSlack | null = null;
  let dir = '';
  afterEach(async () => {
    await app?.stop();
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('/papers subscribe then /papers digest: ephemeral answers, a header and one post per paper in the channel', async () => {
    fake = (await FakeSlack.start()).setUser('U1');
    dir = mkdtempSync(join(tmpdir(), 'paperboy-slack-app-'));
    const day = new Date().toISOString().slice(0, 10);
    const source = new FakeSource('hf').set(day, [
      makePaper({ title: 'Structured pruning of LLMs', hfDate: day, sources: ['hf'], upvotes: 40 }),
      makePaper({ title: 'Pruning <!channel> & friends', hfDate: day, sources: ['hf'], upvotes: 10 }),
      makePaper({ title: 'Diffusion for audio', hfDate: day, sources: ['hf'] }),
    ]);
    const config = loadConfig({
      DATABASE_PATH: join(dir, 'db.sqlite'),
      PORT: '0',
      SLACK_BOT_TOKEN: fake.token,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
    });
    const core = await createCore({ config, logger: silentLogger(), sources: [source] });
    app = await runApp(core, { stdin: new PassThrough(), stdout: new PassThrough(), schedule: false });
    const base = `http://127.0.0.1:${app.httpPort}`;
    // the bot's own reactions and replies will not count as feedback
    expect([...core.botUserIds]).toEqual([fake.botUserId]);
    const command = (text: string, id: string) =>
      postToSlackEvents(
        base,
        slashCommand({
          command: '/papers',
          text,
          user_id: 'U1',
          user_name: 'ada',
          team_id: fake!.teamId,
          channel_id: 'C1',
          channel_name: 'papers',
          response_url: fake!.responseUrl(id),
          trigger_id: 't',
          api_app_id: 'A1',
        }),
      );

    expect((await command('subscribe pruning', 'r1')).status).toBe(200);
    await expect.poll(() => fake!.responses.find((r) => r.id === 'r1')?.body, { timeout: 5000 }).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(fake.responses.find((r) => r.id === 'r1')?.body)).toContain('pruning');

    expect((await command('digest', 'r2')).status).toBe(200);
    await expect.poll(() => fake!.posts('C1').length, { timeout: 10_000 }).toBe(3);
    const [header, ...papers] = fake.posts('C1');
    expect(header?.text).toMatch(/2 new papers for pruning/);
    expect(papers.every((p) => p.threadTs === null)).toBe(true);
    // the hostile title arrives escaped: no live mention, no raw ampersand
    const hostile = papers.find((p) => p.text.includes('friends'));
    expect(hostile?.text).toContain('&lt;!channel&gt; &amp; friends');
    expect(JSON.stringify(hostile?.blocks)).not.toContain('<!channel>');
    await expect.poll(() => fake!.responses.find((r) => r.id === 'r2')?.body, { timeout: 5000 }).toBeDefined();

    // a second digest has nothing new
    await command('digest', 'r3');
    await expect.poll(() => fake!.responses.find((r) => r.id === 'r3')?.body, { timeout: 5000 }).toBeDefined();
    expect(fake.posts('C1')).toHaveLength(3);

    // each of the three commands was acknowledged, and /metrics says how fast
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^paperboy_command_ack_seconds_count\{platform="slack"\} 3$/m);
    expect(metrics).toMatch(/^paperboy_command_ack_seconds_bucket\{le="3",platform="slack"\} 3$/m);
  });
});
