/**
 * Stall benchmark (issue #11, point 6): the real app on 30 days × 2,000
 * papers a day, Slack over HTTP and Discord over the gateway (discord.js
 * against a local gateway with a 1 s heartbeat), hit by 50 concurrent
 * `/papers similar` and `/papers preview` with ordinary commands (`list`,
 * `help`) in between. Prints acknowledgement times (Slack: the HTTP answer to
 * the signed command; Discord: the interaction callback), how long the
 * answers took, the heartbeats the gateway saw and the event loop's delay.
 * Figures only; nothing asserted. Everything runs on 127.0.0.1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ChannelType } from 'discord.js';
import { createCore } from '../app/core.js';
import { runApp } from '../app/run.js';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/log.js';
import { openSqliteStores } from '../src/store/sqlite/index.js';
import { APP_ID, MEMBER, papersInteraction } from '../test/adapters/discord/interaction-fixtures.js';
import { SECRET } from '../test/adapters/slack/helpers.js';
import { postToSlackEvents, slashCommand } from '../test/adapters/slack/signed.js';
import { DiscordGateway } from '../test/support/discord-gateway.js';
import { FakeDiscord } from '../test/support/fake-discord.js';
import { FakeSlack } from '../test/support/fake-slack.js';
import { generatePapers } from '../test/rules/support/corpus.js';

const DAYS = 30;
const PER_DAY = 2000;
const EXPENSIVE = 50;
const HEARTBEAT_MS = 1000;
const RULES = [
  'pruning',
  'graph neural network',
  'diffusion -survey',
  'reinforcement learning',
  '"mixture of experts"',
  'LLM OR VLM',
  'transformer AND attention',
  'retrieval',
  'robot*',
  'speech',
  'quantization',
  'title:benchmark',
  'video generation',
  'reasoning -math',
  'agents',
  'sparse',
  'contrastive',
  'tactile',
  'hallucination',
  'distillation',
  'multimodal',
  'segmentation',
  'NeRF',
  'RAG',
  'alignment',
];

const dir = mkdtempSync(join(tmpdir(), 'paperboy-stall-'));
const file = join(dir, 'db.sqlite');
const now = Date.now();
let t0 = performance.now();

{
  const papers = generatePapers(DAYS * PER_DAY);
  const stores = openSqliteStores(file);
  for (let d = 0; d < DAYS; d++) {
    const at = new Date(now - (DAYS - d) * 86_400_000 + 3_600_000).toISOString();
    await stores.papers.upsertMany(papers.slice(d * PER_DAY, (d + 1) * PER_DAY), at);
  }
  await stores.close();
  console.log(`workload: ${DAYS} days × ${PER_DAY} papers = ${DAYS * PER_DAY} stored (${((performance.now() - t0) / 1000).toFixed(1)} s to make)`);
}

const slack = await FakeSlack.start();
const discord = await new FakeDiscord().start();
const gateway = await DiscordGateway.start({ botUser: { id: APP_ID, username: 'paperboy' }, applicationId: APP_ID, heartbeatMs: HEARTBEAT_MS });
discord.gatewayUrl = gateway.url;
for (let u = 0; u < 200; u++) slack.setUser(`U${u}`);
const config = loadConfig({
  DATABASE_PATH: file,
  PORT: '0',
  SLACK_BOT_TOKEN: slack.token,
  SLACK_SIGNING_SECRET: SECRET,
  SLACK_API_URL: slack.apiUrl,
  DISCORD_TOKEN: discord.token,
  DISCORD_APPLICATION_ID: APP_ID,
  DISCORD_API_URL: discord.api,
});
const core = await createCore({ config, logger: silentLogger(), sources: [] });
const app = await runApp(core, { stdin: new PassThrough(), stdout: new PassThrough(), schedule: false });
await gateway.waitForReady();
const base = `http://127.0.0.1:${app.httpPort}`;

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
t0 = performance.now();
await core.recent.sync(true);
const warmS = (performance.now() - t0) / 1000;
console.log(
  `warm-up (30 days read into memory and indexed, a page at a time): ${warmS.toFixed(1)} s; event loop delay meanwhile p99 ${ms(loop.percentile(99))} max ${ms(loop.max)}`,
);
loop.reset();

const ch = discord.addChannel({ type: ChannelType.GuildText });
const ids = Array.from({ length: EXPENSIVE }, (_, i) => `2599.${String(1 + ((i * 997) % (DAYS * PER_DAY))).padStart(5, '0')}`);

interface Sample {
  kind: 'expensive' | 'ordinary';
  platform: 'slack' | 'discord';
  ackMs: number;
  answer: () => number | null;
}
const samples: Promise<Sample>[] = [];
let seq = 0;

function slackCommand(kind: Sample['kind'], text: string): Promise<Sample> {
  const id = `r${++seq}`;
  const started = Date.now();
  return postToSlackEvents(
    base,
    slashCommand({
      command: '/papers',
      text,
      user_id: `U${seq % 200}`,
      user_name: 'bench',
      team_id: slack.teamId,
      channel_id: `C${seq % 40}`,
      channel_name: 'papers',
      response_url: slack.responseUrl(id),
      trigger_id: 't',
      api_app_id: 'A1',
    }),
  ).then((res) => ({
    kind,
    platform: 'slack' as const,
    ackMs: res.ms,
    answer: () => {
      const r = slack.responses.find((x) => x.id === id);
      return r ? r.at - started : null;
    },
  }));
}

function discordCommand(kind: Sample['kind'], sub: string, options: Record<string, string>): Promise<Sample> {
  const i = papersInteraction(sub, { options, channel: { id: ch.id, type: ChannelType.GuildText }, permissions: MEMBER });
  const member = i.member as { user: { id: string } };
  member.user.id = `7000000000000${String(++seq).padStart(5, '0')}`;
  const started = Date.now();
  gateway.dispatch('INTERACTION_CREATE', i);
  const callback = `/interactions/${String(i.id)}/`;
  const webhook = `/webhooks/${APP_ID}/${String(i.token)}/`;
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      const ack = discord.calls.find((c) => c.path.startsWith(callback));
      if (!ack) return;
      clearInterval(poll);
      resolve({
        kind,
        platform: 'discord',
        ackMs: ack.at - started,
        answer: () => {
          const body = ack.body as { type?: number } | null;
          if (body?.type === 4) return ack.at - started;
          const edit = discord.calls.find((c) => c.path.startsWith(webhook));
          return edit ? edit.at - started : null;
        },
      });
    }, 2);
  });
}

// Control: the same burst shape with 50 cheap commands, so the figures below can be told apart from the cost of the burst itself.
{
  const control = await Promise.all(
    Array.from({ length: EXPENSIVE }, (_, i) => (i % 4 < 2 ? slackCommand('ordinary', 'help') : discordCommand('ordinary', 'help', {}))),
  );
  row(
    'control: 50 × help at once, ack',
    control.map((s) => s.ackMs),
  );
  await new Promise((r) => setTimeout(r, 500));
  samples.length = 0;
}
loop.reset();

const heartbeatsBefore = gateway.heartbeats.length;
t0 = performance.now();
for (let i = 0; i < EXPENSIVE; i++) {
  const id = ids[i] ?? '2599.00001';
  const rule = RULES[i % RULES.length] ?? 'pruning';
  const similar = i % 2 === 0;
  if (i % 4 < 2) samples.push(slackCommand('expensive', similar ? `similar ${id}` : `preview ${rule}`));
  else samples.push(discordCommand('expensive', similar ? 'similar' : 'preview', similar ? { paper: id } : { rule }));
}
// Ordinary commands in between, every 100 ms on both platforms, until every expensive one has its answer.
const ordinary = setInterval(() => {
  samples.push(slackCommand('ordinary', seq % 2 ? 'list' : 'help'));
  samples.push(discordCommand('ordinary', seq % 2 ? 'list' : 'help', {}));
}, 100);
const done = await Promise.all(samples.slice(0, EXPENSIVE));
const deadline = Date.now() + 600_000;
while (done.some((s) => s.answer() === null) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
clearInterval(ordinary);
const all = await Promise.all(samples);
const wallS = (performance.now() - t0) / 1000;
loop.disable();

const beats = gateway.heartbeats.slice(heartbeatsBefore);
const gaps = beats.slice(1).map((b, i) => b - (beats[i] ?? b));
const missed = gaps.filter((g) => g > HEARTBEAT_MS * 1.5).length;

console.log(
  `\nload: ${EXPENSIVE} concurrent similar + preview (half Slack HTTP, half Discord gateway), ${all.length - EXPENSIVE} ordinary commands in between, ${wallS.toFixed(1)} s until every answer was in`,
);
row(
  'acknowledgement, every command',
  all.map((s) => s.ackMs),
);
row(
  'acknowledgement, similar/preview',
  all.filter((s) => s.kind === 'expensive').map((s) => s.ackMs),
);
row(
  'acknowledgement, ordinary',
  all.filter((s) => s.kind === 'ordinary').map((s) => s.ackMs),
);
row(
  'acknowledgement, Slack',
  all.filter((s) => s.platform === 'slack').map((s) => s.ackMs),
);
row(
  'acknowledgement, Discord',
  all.filter((s) => s.platform === 'discord').map((s) => s.ackMs),
);
row(
  'full answer, similar/preview',
  done.map((s) => s.answer() ?? Number.NaN),
);
row(
  'full answer, ordinary',
  all.filter((s) => s.kind === 'ordinary').map((s) => s.answer() ?? Number.NaN),
);
const refused = slack.responses.filter((r) => /limited to|busy/.test(JSON.stringify(r.body))).length;
console.log(`answers that were a rate limit or busy refusal (Slack): ${refused}`);
console.log(
  `gateway heartbeats (every ${HEARTBEAT_MS} ms): ${beats.length} seen, longest gap ${gaps.length ? Math.max(...gaps) : 0} ms, missed (gap > ${HEARTBEAT_MS * 1.5} ms): ${missed}; sessions identified: ${gateway.identified.length}`,
);
console.log(`event loop delay under load: p50 ${ms(loop.percentile(50))}, p99 ${ms(loop.percentile(99))}, max ${ms(loop.max)}`);

await app.stop();
await gateway.close();
await discord.stop();
await slack.close();
rmSync(dir, { recursive: true, force: true });

function ms(ns: number): string {
  return `${(ns / 1e6).toFixed(0)} ms`;
}

function row(name: string, values: number[]): void {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  const q = (p: number) => v[Math.min(v.length - 1, Math.floor((p / 100) * v.length))] ?? Number.NaN;
  console.log(
    `${name.padEnd(36)} n=${String(v.length).padStart(4)}  p50 ${String(q(50)).padStart(6)} ms  p99 ${String(q(99)).padStart(6)} ms  max ${String(v.at(-1) ?? Number.NaN).padStart(6)} ms`,
  );
}
