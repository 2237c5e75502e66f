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
import { FakeDiscord } from '../support/fake-discord.js';
import { FakeSource } from '../support/fake-source.js';
import { makePaper } from '../support/papers.js';

/**
 * The whole product as a Discord server sees it: the real app (config, core,
 * HTTP interactions endpoint, discord.js REST) on 127.0.0.1, Discord faked,
 * interactions signed with a test Ed25519 key.
 */
describe('Paperboy on Discord, end to end', () => {
  let app: RunningApp | null = null;
  let fake: FakeDiscord | null = null;
  let dir = '';
  afterEach(async () => {
    await app?.stop();
    await fake?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('/papers subscribe then /papers digest: one embed per paper with a thread each, nobody pinged', async () => {
    fake = await new FakeDiscord().start();
    dir = mkdtempSync(join(tmpdir(), 'paperboy-discord-app-'));
    const day = new Date().toISOString().slice(0, 10);
    const source = new FakeSource('hf').set(day, [
      makePaper({ title: '@everyone Pruning at scale', hfDate: day, sources: ['hf'], upvotes: 9 }),
      makePaper({ title: 'Structured pruning of LLMs', hfDate: day, sources: ['hf'], upvotes: 5 }),
      makePaper({ title: 'Diffusion for audio', hfDate: day, sources: ['hf'] }),
    ]);
    const keys = testKeys();
    const config = loadConfig({
      DATABASE_PATH: join(dir, 'db.sqlite'),
      PORT: '0',
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_PUBLIC_KEY: keys.publicHex,
      DISCORD_API_URL: fake.api,
    });
    const core = await createCore({ config, logger: silentLogger(), sources: [source] });
    app = await runApp(core, { stdin: new PassThrough(), stdout: new PassThrough(), schedule: false });
    const url = `http://127.0.0.1:${app.httpPort}/discord/interactions`;
    const post = async (payload: Record<string, unknown>) => {
      const body = JSON.stringify(payload);
      const res = await fetch(url, { method: 'POST', body, headers: signed(keys.privateKey, body) });
      return { status: res.status, json: (await res.json()) as { type: number; data?: { content?: string } } };
    };
    const ch = fake.addChannel({ type: ChannelType.GuildText });
    const here = { id: ch.id, type: ChannelType.GuildText };

    const sub = await post(papersInteraction('subscribe', { options: { rule: 'pruning' }, channel: here, permissions: MANAGER }));
    expect(sub.status).toBe(200);
    expect(sub.json.data?.content).toContain('pruning');

    const digest = papersInteraction('digest', { channel: here, permissions: MANAGER });
    expect((await post(digest)).json.type).toBe(5);
    await expect.poll(() => fake!.messagesIn(ch.id).length, { timeout: 10_000 }).toBe(3);
    const [header, ...papers] = fake.messagesIn(ch.id);
    expect(header?.content).toMatch(/2 new papers for pruning/);
    expect(papers.map((m) => m.embeds.length)).toEqual([1, 1]);
    expect(fake.messagesIn(ch.id).every((m) => JSON.stringify(m.allowed_mentions) === JSON.stringify({ parse: [] }))).toBe(true);
    // each paper's thread is started right after its message: wait for the last one too
    await expect.poll(() => fake!.threads.filter((t) => t.parent_id === ch.id).length, { timeout: 5000 }).toBe(2);

    const unsigned = await fetch(url, { method: 'POST', body: JSON.stringify({ type: 1 }), headers: { 'content-type': 'application/json' } });
    expect(unsigned.status).toBe(401);

    // subscribe and digest were acknowledged (the unsigned request reached no handler)
    const metrics = await (await fetch(`http://127.0.0.1:${app.httpPort}/metrics`)).text();
    expect(metrics).toMatch(/^paperboy_command_ack_seconds_count\{platform="discord"\} 2$/m);
  });
});
