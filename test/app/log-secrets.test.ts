import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { ChannelType } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../app/core.js';
import { runApp, type RunningApp } from '../../app/run.js';
import { loadConfig, secretsOf } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { APP_ID, MANAGER, papersInteraction, signed, testKeys } from '../adapters/discord/interaction-fixtures.js';
import { SECRET } from '../adapters/slack/helpers.js';
import { eventCallback, postToSlackEvents, slashCommand } from '../adapters/slack/signed.js';
import { DiscordGateway } from '../support/discord-gateway.js';
import { FakeDiscord } from '../support/fake-discord.js';
import { FakeSlack } from '../support/fake-slack.js';
import { FakeSource } from '../support/fake-source.js';
import { makePaper } from '../support/papers.js';
import { SocketModeServer } from '../support/socket-mode-server.js';

/*
 * Issue #11, point 5: the end-to-end runs at LOG_LEVEL=trace, every line
 * captured, and no secret or short-lived token in any of them — including
 * the failure paths, whose errors carry request URLs and bodies.
 */

/** Shaped like a real bot token (base64 user id . timestamp . HMAC), so nothing can tell it from one. */
const DISCORD_TOKEN = 'ODAwMDAwMDAwMDAwMDAwMDAx.GhT3sT.q7Vb-Zk2xLmN0pQrStUvWxYz_AbCdEfGhIjKl';
const RESPONSE_PATH = 'respond-T1-8231-s3cr3tR3sp0nseP4th';

const PATTERNS: [string, RegExp][] = [
  ['a Slack token (xox?-)', /xox[abpe]-/],
  ['a Slack app token (xapp-)', /xapp-/],
  ['a webhook URL with its token', /\/webhooks\/\d+\/(?!\[redacted\])[^/\s"\\]+/],
  ['an interaction callback with its token', /\/interactions\/\d+\/(?!\[redacted\])[^/\s"\\]+/],
  ['a Slack response_url host', /hooks\.slack\.com\//],
];

function captureLines(): { lines: string[]; sink: Writable } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString('utf8').split('\n')) if (l.trim()) lines.push(l);
      done();
    },
  });
  return { lines, sink };
}

function expectNoSecrets(lines: readonly string[], secrets: readonly string[]): void {
  expect(lines.length).toBeGreaterThan(0);
  const all = lines.join('\n');
  for (const s of secrets) {
    const at = all.indexOf(s);
    expect(at, `secret ${s.slice(0, 6)}… found in: ${all.slice(Math.max(0, at - 200), at + 100)}`).toBe(-1);
  }
  for (const [name, re] of PATTERNS) {
    const m = re.exec(all);
    expect(m, `${name} found in: ${m ? all.slice(Math.max(0, m.index - 200), m.index + 100) : ''}`).toBeNull();
  }
}

const day = new Date().toISOString().slice(0, 10);
const source = () => new FakeSource('hf').set(day, [makePaper({ title: 'Pruning in the logs', hfDate: day, sources: ['hf'] })]);

describe('no secret in any log line at LOG_LEVEL=trace', () => {
  let app: RunningApp | null = null;
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    await app?.stop();
    app = null;
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  function tempDb(): string {
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-logs-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return join(dir, 'db.sqlite');
  }

  it('Slack over HTTP: commands, mentions, interactions, an expired response_url and a refused post', async () => {
    const fake = (await FakeSlack.start()).setUser('U1');
    cleanups.push(() => fake.close());
    const config = loadConfig({
      DATABASE_PATH: tempDb(),
      PORT: '0',
      LOG_LEVEL: 'trace',
      SLACK_BOT_TOKEN: fake.token,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
    });
    const { lines, sink } = captureLines();
    const logger = createLogger(config.LOG_LEVEL, sink, { secrets: secretsOf(config) });
    app = await runApp(await createCore({ config, logger, sources: [source()] }), { stdin: new PassThrough(), stdout: new PassThrough(), schedule: false });
    const base = `http://127.0.0.1:${app.httpPort}`;
    const command = (text: string, id: string) =>
      postToSlackEvents(
        base,
        slashCommand({
          command: '/papers',
          text,
          user_id: 'U1',
          user_name: 'ada',
          team_id: fake.teamId,
          channel_id: 'C1',
          channel_name: 'papers',
          response_url: fake.responseUrl(`${RESPONSE_PATH}-${id}`),
          trigger_id: `trigger-${id}`,
          api_app_id: 'A1',
          token: 'legacy-verification-token-xyz',
        }),
      );
    await command('subscribe pruning', '1');
    await expect.poll(() => fake.responses.length, { timeout: 5000 }).toBe(1);
    await command('digest', '2');
    await expect.poll(() => fake.posts('C1').length, { timeout: 10_000 }).toBe(2);
    await expect.poll(() => fake.responses.length, { timeout: 5000 }).toBe(2);
    // A response_url that no longer works: the failure is logged, without the URL.
    fake.expireResponses = true;
    await command('list', '3');
    await expect.poll(() => lines.some((l) => /"level":(40|50)/.test(l) && /expired|404|status code/i.test(l)), { timeout: 5000 }).toBe(true);
    // A mention whose answer Slack refuses.
    fake.failNext('chat.postMessage', 'channel_not_found');
    await postToSlackEvents(
      base,
      eventCallback({ type: 'app_mention', user: 'U1', text: '<@UBOTFAKE> help', ts: '1.1', channel: 'C1', event_ts: '1.1' }, 'EvLog'),
    );
    await postToSlackEvents(base, {
      contentType: 'application/x-www-form-urlencoded',
      body: new URLSearchParams({
        payload: JSON.stringify({ type: 'block_actions', user: { id: 'U1' }, response_url: fake.responseUrl(`${RESPONSE_PATH}-4`), actions: [] }),
      }).toString(),
    });
    await expect.poll(() => fake.callsTo('chat.postMessage').length, { timeout: 5000 }).toBeGreaterThanOrEqual(3);
    await new Promise((r) => setTimeout(r, 200));
    expectNoSecrets(lines, [fake.token, SECRET, RESPONSE_PATH, 'legacy-verification-token-xyz']);
  });

  it('Slack Socket Mode: envelopes with response_url and the connection ticket', async () => {
    const fake = (await FakeSlack.start()).setUser('U1');
    const socket = await SocketModeServer.start();
    cleanups.push(
      () => fake.close(),
      () => socket.close(),
    );
    fake.socketUrl = `${socket.url}?ticket=t1cket-5ecret-0042&app_id=A1`;
    const config = loadConfig({
      DATABASE_PATH: tempDb(),
      LOG_LEVEL: 'trace',
      SLACK_BOT_TOKEN: fake.token,
      SLACK_APP_TOKEN: fake.appToken,
      SLACK_API_URL: fake.apiUrl,
    });
    const { lines, sink } = captureLines();
    const logger = createLogger(config.LOG_LEVEL, sink, { secrets: secretsOf(config) });
    app = await runApp(await createCore({ config, logger, sources: [source()] }), { stdin: new PassThrough(), stdout: new PassThrough(), schedule: false });
    await socket.waitForClient();
    const payload = (text: string, id: string) => ({
      command: '/papers',
      text,
      user_id: 'U1',
      user_name: 'ada',
      team_id: fake.teamId,
      channel_id: 'C9',
      channel_name: 'papers',
      response_url: fake.responseUrl(`${RESPONSE_PATH}-${id}`),
      trigger_id: 't',
      api_app_id: 'AFAKE',
    });
    socket.push('env-1', 'slash_commands', payload('subscribe pruning', 's1'));
    await expect.poll(() => fake.responses.length, { timeout: 5000 }).toBe(1);
    fake.expireResponses = true;
    socket.push('env-2', 'slash_commands', payload('list', 's2'));
    await expect.poll(() => socket.acks.length, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    await new Promise((r) => setTimeout(r, 300));
    // Debug lines were written: the level at which the SDKs log raw envelopes.
    expect(lines.some((l) => /"level":20\b/.test(l))).toBe(true);
    expectNoSecrets(lines, [fake.token, fake.appToken, RESPONSE_PATH, 't1cket-5ecret-0042']);
  });

  it('Discord over HTTP: interaction tokens in follow-ups that fail, and the bot token', async () => {
    const fake = await new FakeDiscord(DISCORD_TOKEN).start();
    cleanups.push(() => fake.stop());
    const keys = testKeys();
    const config = loadConfig({
      DATABASE_PATH: tempDb(),
      PORT: '0',
      LOG_LEVEL: 'trace',
      DISCORD_TOKEN,
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_PUBLIC_KEY: keys.publicHex,
      DISCORD_API_URL: fake.api,
    });
    const { lines, sink } = captureLines();
    const logger = createLogger(config.LOG_LEVEL, sink, { secrets: secretsOf(config) });
    app = await runApp(await createCore({ config, logger, sources: [source()] }), { stdin: new PassThrough(), stdout: new PassThrough(), schedule: false });
    const url = `http://127.0.0.1:${app.httpPort}/discord/interactions`;
    const post = async (payload: Record<string, unknown>) => {
      const body = JSON.stringify(payload);
      return fetch(url, { method: 'POST', body, headers: signed(keys.privateKey, body) });
    };
    const ch = fake.addChannel({ type: ChannelType.GuildText });
    const here = { id: ch.id, type: ChannelType.GuildText };
    await post(papersInteraction('subscribe', { options: { rule: 'pruning' }, channel: here, permissions: MANAGER }));
    // The deferred answer's edit fails: Discord says the webhook (the interaction token) is unknown.
    fake.fail({ path: '/webhooks/', status: 404, body: { code: 10015, message: 'Unknown Webhook' }, times: 5 });
    const digest = papersInteraction('digest', { channel: here, permissions: MANAGER });
    await post(digest);
    await expect.poll(() => fake.messagesIn(ch.id).length, { timeout: 10_000 }).toBe(2);
    await expect.poll(() => lines.some((l) => /Unknown Webhook/.test(l)), { timeout: 5000 }).toBe(true);
    // A post refused with the token in play.
    fake.failWithCode(`/channels/${ch.id}/messages`, 50013);
    await post(papersInteraction('subscribe', { options: { rule: 'graphs' }, channel: here, permissions: MANAGER }));
    await new Promise((r) => setTimeout(r, 200));
    const tokens = [String(digest.token)];
    expectNoSecrets(lines, [DISCORD_TOKEN, ...tokens]);
  });

  it('Discord gateway: an interaction callback that fails', async () => {
    const fake = await new FakeDiscord(DISCORD_TOKEN).start();
    const gateway = await DiscordGateway.start({ botUser: { id: APP_ID, username: 'paperboy' }, applicationId: APP_ID });
    cleanups.push(
      () => fake.stop(),
      () => gateway.close(),
    );
    fake.gatewayUrl = gateway.url;
    const config = loadConfig({ DATABASE_PATH: tempDb(), LOG_LEVEL: 'trace', DISCORD_TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: fake.api });
    const { lines, sink } = captureLines();
    const logger = createLogger(config.LOG_LEVEL, sink, { secrets: secretsOf(config) });
    app = await runApp(await createCore({ config, logger, sources: [source()] }), { stdin: new PassThrough(), stdout: new PassThrough(), schedule: false });
    await gateway.waitForReady();
    const ch = fake.addChannel({ type: ChannelType.GuildText });
    fake.fail({ path: '/interactions/', status: 400, body: { code: 40060, message: 'Interaction has already been acknowledged' }, times: 1 });
    const i = papersInteraction('list', { channel: { id: ch.id, type: ChannelType.GuildText }, permissions: MANAGER });
    gateway.dispatch('INTERACTION_CREATE', i);
    await expect.poll(() => lines.some((l) => /already been acknowledged/.test(l)), { timeout: 5000 }).toBe(true);
    expectNoSecrets(lines, [DISCORD_TOKEN, String(i.token)]);
  });
});
