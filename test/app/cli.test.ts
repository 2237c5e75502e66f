import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const SAMPLE = join(import.meta.dirname, '..', '..', 'data', 'sample', 'papers.json');
let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'paperboy-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('paperboy CLI', () => {
  it('run --sample: a piped console session subscribes, digests with matched rules, answers each command and exits 0', async () => {
    const db = join(dir, 'sample.db');
    const r = await runCli(['run', '--sample'], { env: { DATABASE_PATH: db }, input: '/papers subscribe pruning\n/papers list\n/papers digest\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/new papers? for pruning/);
    expect(r.stdout).toContain('matched: pruning');
    expect(r.stdout).toMatch(/https:\/\/(arxiv\.org|huggingface\.co)\/\S+2599\.\d{5}/);
    // stdout is the channel: no JSON log lines in it
    expect(r.stdout).not.toMatch(/^\{"level"/m);

    const again = await runCli(['run', '--sample'], { env: { DATABASE_PATH: db }, input: '/papers digest\n' });
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain('matched: pruning');
  });

  it('run --sample: the console cites, saves, lists, prints the reading list as BibTeX and unsaves', async () => {
    const r = await runCli(['run', '--sample'], {
      env: { DATABASE_PATH: join(dir, 'reading.db') },
      input:
        '/papers cite 2599.00003\n/papers save 2599.00003\n/papers save 2599.00001\n/papers saved\n/papers saved bibtex\n/papers unsave 2599.00003\n/papers saved\n',
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('@misc{');
    expect(r.stdout).toContain('eprint = {2599.00003}');
    expect(r.stdout).toContain('Your reading list (2 papers, newest first):');
    // saved bibtex prints the file itself, both entries.
    expect((r.stdout.split('paperboy-saved.bib.')[1] ?? '').match(/^@misc\{/gm)).toHaveLength(2);
    expect(r.stdout).toContain('Took 2599.00003 off your reading list.');
    expect(r.stdout).toContain('Your reading list (1 paper, newest first):');
  });

  it('run: fetches Hugging Face from HF_API_URL and delivers today’s matches', async () => {
    const items = JSON.parse(readFileSync(SAMPLE, 'utf8')) as unknown[];
    const requested: string[] = [];
    const server: Server = createServer((req, res) => {
      requested.push(req.url ?? '');
      const url = new URL(req.url ?? '/', 'http://x');
      const page = Number(url.searchParams.get('p') ?? '0');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(page === 0 ? items.slice(0, 20) : []));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const r = await runCli(['run'], {
        env: { DATABASE_PATH: join(dir, 'net.db'), HF_API_URL: base },
        input: '/papers subscribe neural network\n/papers digest\n',
      });
      expect(r.code).toBe(0);
      expect(requested.some((u) => u.startsWith('/api/daily_papers?') && u.includes('date='))).toBe(true);
      expect(r.stdout).toContain('matched: neural network');
    } finally {
      server.close();
    }
  });

  it('stops with a message naming the variable when configuration is wrong', async () => {
    const r = await runCli(['run'], { env: { DATABASE_PATH: join(dir, 'x.db'), PAPERS_DIGEST_TIME: '8am' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('PAPERS_DIGEST_TIME');
    expect(r.stderr).toContain('HH:MM');
  });

  it.each([
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_API_URL: 'http://127.0.0.1:9/api/' }, 'Could not reach Slack'],
    [{ DISCORD_TOKEN: 'token', DISCORD_APPLICATION_ID: '123456789', DISCORD_API_URL: 'http://127.0.0.1:9/api' }, 'Could not reach Discord'],
  ])('fails fast and says so when the chat platform cannot be reached (%j)', async (env, message) => {
    const started = Date.now();
    const r = await runCli(['run'], { env: { DATABASE_PATH: join(dir, 'unreachable.db'), ...env } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('match: one JSON object per match with the rule as written', async () => {
    const rules = join(dir, 'rules.txt');
    writeFileSync(rules, '# comment\n\npruning\ngraph neural network\n');
    const r = await runCli(['match', '--papers', SAMPLE, '--rules', rules]);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { rule: string; paper: string; score: number });
    expect(lines.length).toBeGreaterThan(2);
    expect(new Set(lines.map((l) => l.rule))).toEqual(new Set(['pruning', 'graph neural network']));
    for (const l of lines) {
      expect(l.paper).toMatch(/^2599\.\d{5}$/);
      expect(typeof l.score).toBe('number');
    }
  });

  it('digest --dry-run prints the plan for console channels and records nothing', async () => {
    const db = join(dir, 'dry.db');
    await runCli(['run', '--sample'], { env: { DATABASE_PATH: db }, input: '/papers subscribe pruning\n' });
    const dry = await runCli(['digest', '--sample', '--dry-run'], { env: { DATABASE_PATH: db, PORT: '1' } });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('dry run');
    expect(dry.stdout).toContain('matched: pruning');
    const real = await runCli(['digest', '--sample'], { env: { DATABASE_PATH: db } });
    expect(real.code).toBe(0);
    expect(real.stdout).toContain('matched: pruning');
  });

  it('rejects a malformed --date', async () => {
    const r = await runCli(['digest', '--date', '2026-13-45'], { env: { DATABASE_PATH: join(dir, 'd.db') } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('YYYY-MM-DD');
  });
});
