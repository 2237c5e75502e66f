import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { ChannelType } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../app/core.js';
import { runApp, type RunningApp } from '../../app/run.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { APP_ID, MANAGER, papersInteraction, signed, testKeys } from '../adapters/discord/interaction-fixtures.js';
import { SECRET } from '../adapters/slack/helpers.js';
import { postToSlackEvents, slashCommand } from '../adapters/slack/signed.js';
import { FakeDiscord } from '../support/fake-discord.js';
import { FakeSlack } from '../support/fake-slack.js';
import { FakeSource } from '../support/fake-source.js';
import { makePaper } from '../support/papers.js';

/** Slack and Discord in one process: one HTTP server, one database, one rule engine, one scheduled cycle. */
describe('Slack and Discord in the same process', () => {
  let app: RunningApp | null = null;
  let slack: FakeSlack | null = null;
  let discord: FakeDiscord | null = null;
  let dir = '';
  afterEach(async () => {
    await app?.stop();
    await slack?.close();
    await discord?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('subscribes on both and one cycle delivers to both', async () => {
    slack = (await FakeSlack.start()).setUser('U1');
    discord = await new FakeDiscord().start();
    dir = mkdtempSync(join(tmpdir(), 'paperboy-both-'));
    const day = new Date().toISOString().slice(0, 10);
    const source = new FakeSource('hf').set(day, [
      makePaper({ title: 'Pruning for everyone', hfDate: day, sources: ['hf'] }),
      makePaper({ title: 'Diffusion for some', hfDate: day, sources: ['hf'] }),
    ]);
    const keys = testKeys();
    const config = loadConfig({
      DATABASE_PATH: join(dir, 'db.sqlite'),
      PORT: '0',
      SLACK_BOT_TOKEN: slack.token,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_PUBLIC_KEY: keys.publicHex,
      DISCORD_API_URL: discord.api,
    });
    const core = await createCore({ config, logger: silentLogger(), sources: [source] });
    app = await runApp(core, { stdin: new PassThrough(), stdout: new PassThrough(), schedule: false });
    const base = `http://127.0.0.1:${app.httpPort}`;

    await postToSlackEvents(
      base,
      slashCommand({
        command: '/papers',
        text: 'subscribe pruning',
        user_id: 'U1',
        user_name: 'ada',
        team_id: slack.teamId,
        channel_id: 'C1',
        channel_name: 'papers',
        response_url: slack.responseUrl('s1'),
        trigger_id: 't',
        api_app_id: 'A1',
      }),
    );
    const ch = discord.addChannel({ type: ChannelType.GuildText });
    const body = JSON.stringify(
      papersInteraction('subscribe', { options: { rule: 'diffusion' }, channel: { id: ch.id, type: ChannelType.GuildText }, permissions: MANAGER }),
    );
    expect((await fetch(`${base}/discord/interactions`, { method: 'POST', body, headers: signed(keys.privateKey, body) })).status).toBe(200);
    await expect.poll(async () => (await core.stores.rules.listActive()).length, { timeout: 5000 }).toBe(2);

    await core.digest.runCycle();
    expect(
      slack
        .posts('C1')
        .map((m) => m.text)
        .join('\n'),
    ).toMatch(/1 new paper for pruning/);
    expect(slack.posts('C1')).toHaveLength(2);
    expect(discord.messagesIn(ch.id)[0]?.content).toMatch(/1 new paper for diffusion/);
    expect(discord.messagesIn(ch.id)).toHaveLength(2);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
