import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signSlackRequest } from '../support/slack-sign.js';
import { COMMANDS } from '../../src/commands/registry.js';
import { createRng } from '../../src/learn/eval/prng.js';
import { APP_ID, signed, testKeys } from '../adapters/discord/interaction-fixtures.js';
import { SECRET } from '../adapters/slack/helpers.js';
import { FakeDiscord } from '../support/fake-discord.js';
import { FakeSlack } from '../support/fake-slack.js';
import { HOSTILE_LINKS } from '../support/hostile-links.js';

/*
 * Issue #11, point 7: 10,000 random and hostile payloads, signed correctly,
 * to every inbound endpoint (Slack commands, events and interactions on
 * /slack/events; Discord interactions), and random text to every /papers
 * subcommand. The app runs as its own process: it never exits, never answers
 * 5xx without a log line, keeps answering /healthz, and its heap after a full
 * collection does not grow with the number of requests.
 */
const TOTAL = 10_000;
const CONCURRENCY = 16;
const CHILD = join(import.meta.dirname, '..', 'support', 'fuzz-app-child.ts');
const SUBCOMMANDS = [...COMMANDS.map((c) => c.name), 'nonsense', '', 'SUBSCRIBE', 'papers'];
const HOSTILE = [
  ...HOSTILE_LINKS,
  '<!channel>',
  '<@U0123|x>',
  '\u0000\u0001\u001b[2J',
  '"unterminated',
  '((((((((((((((((((((((((((((((((((((((((',
  'a AND b OR NOT NOT NOT -c',
  'title:',
  'upvotes>=999999999999999999999',
  '👍⭐🔖'.repeat(100),
  'x'.repeat(5000),
  '%00%ff',
  '__proto__',
  'constructor',
  'why 2599.00001',
  'similar 2599.00002',
  '../../etc/passwd',
];

const keys = testKeys();
let slack: FakeSlack;
let discord: FakeDiscord;
let child: ChildProcess;
let base = '';
let dir = '';
const logLines: { level: number; msg: string }[] = [];
let exited: number | null | undefined;

function heap(): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (m: { heap: number }) => resolve(m.heap));
    child.send('heap');
  });
}

beforeAll(async () => {
  slack = await FakeSlack.start();
  for (let u = 0; u < 20; u++) slack.setUser(`U${u}`, u % 5 === 0 ? { is_restricted: true } : {});
  discord = await new FakeDiscord().start();
  dir = mkdtempSync(join(tmpdir(), 'paperboy-fuzz-'));
  child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', CHILD], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: {
      PATH: process.env.PATH,
      DATABASE_PATH: join(dir, 'db.sqlite'),
      PORT: '0',
      LOG_LEVEL: 'warn',
      SLACK_BOT_TOKEN: slack.token,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_PUBLIC_KEY: keys.publicHex,
      DISCORD_API_URL: discord.api,
    },
  });
  child.on('exit', (code) => {
    exited = code;
  });
  let pending = '';
  child.stderr?.on('data', (c: Buffer) => {
    pending += c.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const l of lines) {
      try {
        logLines.push(JSON.parse(l) as { level: number; msg: string });
      } catch {
        logLines.push({ level: 60, msg: l });
      }
    }
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      const m = /\{"port":(\d+)\}/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`the app exited (${code}) before listening: ${logLines.map((l) => l.msg).join('\n')}`)));
  });
  base = `http://127.0.0.1:${port}`;
}, 60_000);

afterAll(async () => {
  child?.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 300));
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await slack?.close();
  await discord?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Deterministic payloads: the same 10,000 every run. */
function payloads(): (() => { path: string; body: string; headers: Record<string, string> })[] {
  const rng = createRng(11);
  const r = () => rng.next();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const strings = fc.sample(
    fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.string({ unit: 'grapheme', maxLength: 30 }),
      fc.constantFrom(...HOSTILE),
    ),
    { seed: 7, numRuns: 3000 },
  );
  const values = fc.sample(fc.jsonValue({ maxDepth: 4 }), { seed: 8, numRuns: 2000 });
  const text = () => pick(strings);
  const value = () => pick(values);
  const id = () => (r() < 0.8 ? `U${Math.floor(r() * 25)}` : text());
  const channel = () => (r() < 0.8 ? `C${Math.floor(r() * 10)}` : text());
  const slackSigned = (body: string, type: string) => {
    const ts = Math.floor(Date.now() / 1000);
    return {
      path: '/slack/events',
      body,
      headers: { 'content-type': type, 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signSlackRequest(SECRET, ts, body) },
    };
  };
  const form = (fields: Record<string, unknown>) =>
    new URLSearchParams(Object.entries(fields).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : (JSON.stringify(v) ?? '')])).toString();
  // Only the fake's own address or no usable URL: a fuzzer must never make the app call out anywhere else.
  const responseUrl = () => pick([slack.responseUrl(`fz${Math.floor(r() * 1e6)}`), '', 'not a url', 'javascript:alert(1)', slack.responseUrl('x')]);

  const kinds = [
    // A slash command: random text after every subcommand.
    () =>
      slackSigned(
        form({
          command: r() < 0.95 ? '/papers' : text(),
          text: `${pick(SUBCOMMANDS)} ${r() < 0.5 ? text() : ''}`.trim(),
          user_id: id(),
          user_name: text(),
          team_id: r() < 0.9 ? 'TFAKE' : text(),
          channel_id: channel(),
          channel_name: text(),
          response_url: responseUrl(),
          trigger_id: text(),
          api_app_id: 'A1',
          ...(r() < 0.2 ? { [text()]: value() } : {}),
        }),
        'application/x-www-form-urlencoded',
      ),
    // An Events API callback of any shape.
    () => {
      const event =
        r() < 0.5
          ? {
              type: pick(['app_mention', 'reaction_added', 'reaction_removed', 'message', 'app_home_opened', text()]),
              user: id(),
              text: `<@UBOTFAKE> ${pick(SUBCOMMANDS)} ${text()}`,
              ts: r() < 0.8 ? `${Math.floor(r() * 1e9)}.${Math.floor(r() * 1e6)}` : text(),
              channel: channel(),
              ...(r() < 0.3 ? { thread_ts: r() < 0.5 ? '1.1' : value() } : {}),
              ...(r() < 0.2 ? { bot_id: text() } : {}),
              ...(r() < 0.2 ? { subtype: pick(['bot_message', 'message_deleted', text()]) } : {}),
              ...(r() < 0.3 ? { item: { type: 'message', channel: channel(), ts: value() }, reaction: text(), event_ts: '1.2' } : {}),
            }
          : value();
      const body =
        r() < 0.9
          ? { type: pick(['event_callback', 'event_callback', 'url_verification', text()]), team_id: 'TFAKE', event_id: text(), event, challenge: value() }
          : value();
      return slackSigned(JSON.stringify(body), 'application/json');
    },
    // An interaction (block_actions, view_submission, shortcuts, nonsense).
    () => {
      const payload =
        r() < 0.8
          ? {
              type: pick(['block_actions', 'view_submission', 'shortcut', 'message_action', text()]),
              user: { id: id() },
              actions: value(),
              view: value(),
              response_url: responseUrl(),
              trigger_id: text(),
            }
          : value();
      return slackSigned(r() < 0.9 ? form({ payload }) : form({ payload: text() }), 'application/x-www-form-urlencoded');
    },
    // A Discord interaction: /papers with random options, or anything else.
    () => {
      const sub = pick(SUBCOMMANDS) || 'help';
      const options =
        r() < 0.8
          ? [
              {
                name: sub,
                type: 1,
                options: Array.from({ length: Math.floor(r() * 3) }, () => ({
                  name: pick(['rule', 'paper', 'channel', 'time', 'mode', 'value', text()]),
                  type: pick([3, 4, 5, 7]),
                  value: r() < 0.8 ? text() : value(),
                })),
              },
            ]
          : value();
      const interaction =
        r() < 0.85
          ? {
              id: String(Math.floor(r() * 1e15)),
              application_id: APP_ID,
              type: pick([1, 2, 2, 2, 3, 4, 5, 99]),
              token: `fuzz-token-${Math.floor(r() * 1e9)}`,
              version: 1,
              guild_id: r() < 0.9 ? '900000000000000001' : undefined,
              channel_id: '600000000000000001',
              channel: r() < 0.9 ? { id: '600000000000000001', type: pick([0, 11, 15, 5]), parent_id: r() < 0.3 ? '600000000000000002' : null } : value(),
              member:
                r() < 0.9
                  ? {
                      user: { id: String(7e17 + Math.floor(r() * 1000)), username: text(), bot: r() < 0.1 },
                      permissions: pick(['0', '16', '1040', '8', text()]),
                    }
                  : value(),
              data: r() < 0.9 ? { name: r() < 0.9 ? 'papers' : text(), options, resolved: r() < 0.3 ? value() : undefined } : value(),
            }
          : value();
      const body = JSON.stringify(interaction);
      return { path: '/discord/interactions', body, headers: signed(keys.privateKey, body) };
    },
  ];
  const list = Array.from({ length: TOTAL }, (_, i) => kinds[i % kinds.length] as () => { path: string; body: string; headers: Record<string, string> });
  // A few bodies past the server's 1 MB limit, and raw junk.
  for (const at of [1000, 4000, 7000]) list[at] = () => slackSigned('x'.repeat(1_100_000), 'application/json');
  for (const at of [2001, 5001]) list[at] = () => slackSigned(`{"type": "event_callback", "event": ${'['.repeat(5000)}`, 'application/json');
  return list;
}

describe('the app under 10,000 random and hostile signed payloads', () => {
  it('never crashes, never answers 5xx without a log line, keeps answering /healthz, and its heap stays flat', { timeout: 240_000 }, async () => {
    const list = payloads();
    const statuses = new Map<number, number>();
    const heaps: number[] = [];
    let next = 0;
    let healthFailures = 0;
    const send = async (i: number) => {
      const p = list[i]?.();
      if (!p) return;
      const res = await fetch(`${base}${p.path}`, { method: 'POST', body: p.body, headers: p.headers }).catch(() => null);
      const status = res?.status ?? 0;
      await res?.arrayBuffer().catch(() => undefined);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    };
    const worker = async () => {
      while (next < list.length) {
        const i = next++;
        await send(i);
        if (i % 1000 === 999) {
          const health = await fetch(`${base}/healthz`).catch(() => null);
          if (health?.status !== 200) healthFailures += 1;
          await health?.arrayBuffer();
          if (i === 1999 || i === list.length - 1) heaps.push(await heap());
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    // Let follow-ups still on their way finish, then look once more.
    await new Promise((r) => setTimeout(r, 500));
    heaps.push(await heap());

    const fiveXX = [...statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
    const errorLines = logLines.filter((l) => l.level >= 50).length;
    const summary = { statuses: Object.fromEntries(statuses), errorLines, heapsMB: heaps.map((h) => Math.round(h / 1e5) / 10) };
    console.log(`fuzz: ${JSON.stringify(summary)}`);
    // FUZZ_DEBUG=1: the commonest warnings and errors, to see what the payloads ran into.
    if (process.env.FUZZ_DEBUG) {
      const m = new Map<string, number>();
      for (const l of logLines.filter((x) => x.level >= 40)) {
        const k = `${l.level} ${l.msg} ${JSON.stringify((l as Record<string, unknown>).err ?? '').slice(0, 300)}`;
        m.set(k, (m.get(k) ?? 0) + 1);
      }
      console.log(
        [...m]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 25)
          .map(([k, n]) => `${n} × ${k}`)
          .join('\n'),
      );
    }
    expect(
      exited,
      `the app exited: ${logLines
        .slice(-5)
        .map((l) => l.msg)
        .join(' | ')}`,
    ).toBeUndefined();
    expect(statuses.get(0) ?? 0, 'requests that got no answer at all').toBe(0);
    expect(fiveXX, `5xx answers (${fiveXX}) need as many error log lines (${errorLines})`).toBeLessThanOrEqual(errorLines);
    expect(healthFailures).toBe(0);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    // Flat: what the heap holds after 8,000 more requests is within a few MB of what it held after 2,000.
    const [after2k = 0, ...later] = heaps;
    for (const h of later) expect(h - after2k, `heap grew from ${after2k} to ${h} bytes`).toBeLessThan(16 * 1024 * 1024);
  });
});
