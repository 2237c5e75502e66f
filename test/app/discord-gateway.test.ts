import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { ChannelType, GatewayIntentBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../app/core.js';
import { runApp, type RunningApp } from '../../app/run.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { APP_ID, MANAGER, papersInteraction } from '../adapters/discord/interaction-fixtures.js';
import { DiscordGateway } from '../support/discord-gateway.js';
import { FakeDiscord } from '../support/fake-discord.js';
import { FakeSource } from '../support/fake-source.js';
import { makePaper } from '../support/papers.js';

/**
 * Gateway mode, the README's default Discord setup: the real app logs in with
 * discord.js to a local gateway (HELLO, IDENTIFY, READY), receives /papers as
 * INTERACTION_CREATE dispatches, answers on the callback endpoint and posts
 * the digest through the REST fake.
 */
describe('Paperboy on the Discord gateway, end to end', () => {
  let app: RunningApp | null = null;
  let fake: FakeDiscord | null = null;
  let gateway: DiscordGateway | null = null;
  let dir = '';
  afterEach(async () => {
    await app?.stop();
    await gateway?.close();
    await fake?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs in without privileged intents, answers /papers from the gateway and posts the digest', async () => {
    fake = await new FakeDiscord().start();
    gateway = await DiscordGateway.start({ botUser: { id: APP_ID, username: 'paperboy' }, applicationId: APP_ID });
    fake.gatewayUrl = gateway.url;
    dir = mkdtempSync(join(tmpdir(), 'paperboy-gateway-'));
    const day = new Date().toISOString().slice(0, 10);
    const source = new FakeSource('hf').set(day, [makePaper({ title: 'Pruning over the gateway', hfDate: day, sources: ['hf'] })]);
    const config = loadConfig({ DATABASE_PATH: join(dir, 'db.sqlite'), DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: fake.api });
    const core = await createCore({ config, logger: silentLogger(), sources: [source] });
    app = await runApp(core, { stdin: new PassThrough(), stdout: new PassThrough(), schedule: false });
    await gateway.waitForReady();

    const [login] = gateway.identified;
    expect(login?.token).toBe(fake.token);
    expect(login!.intents & GatewayIntentBits.MessageContent).toBe(0);
    expect(login!.intents & GatewayIntentBits.GuildMessageReactions).toBeTruthy();
    expect(core.botUserIds.has(APP_ID)).toBe(true);

    const ch = fake.addChannel({ type: ChannelType.GuildText });
    const here = { id: ch.id, type: ChannelType.GuildText };
    const subscribe = papersInteraction('subscribe', { options: { rule: 'pruning' }, channel: here, permissions: MANAGER });
    gateway.dispatch('INTERACTION_CREATE', subscribe);
    await expect
      .poll(() => JSON.stringify(fake!.interactionResponses.find((r) => r.id === subscribe.id)?.body ?? null), { timeout: 5000 })
      .toContain('pruning');

    gateway.dispatch('INTERACTION_CREATE', papersInteraction('digest', { channel: here, permissions: MANAGER }));
    await expect.poll(() => fake!.messagesIn(ch.id).length, { timeout: 10_000 }).toBe(2);
    expect(fake.messagesIn(ch.id)[0]?.content).toMatch(/1 new paper for pruning/);
    // The paper's thread is started right after its message is posted: wait for it rather than race it.
    await expect.poll(() => fake!.threads.filter((t) => t.parent_id === ch.id).length, { timeout: 5000 }).toBe(1);
  });
});
