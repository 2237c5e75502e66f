import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { adminQuery, dropSchema, PG_URL, schemaUrl, uniqueSchemaName } from '../support/postgres.js';

/** `paperboy run` and `paperboy digest` end to end with DATABASE_URL: the same answers as on SQLite, in PostgreSQL. */
describe.skipIf(!PG_URL)('postgres: paperboy CLI on DATABASE_URL', () => {
  const schemas = [uniqueSchemaName('cli_run'), uniqueSchemaName('cli_digest')];
  let dir = '';
  /** The CLI's environment for one schema; DATABASE_PATH points at a file that must never appear, as DATABASE_URL wins. */
  const envFor = (schema: string): Record<string, string> => {
    const url = new URL(schemaUrl(schema));
    // A password the server (trust auth) ignores, to show it never reaches the output.
    url.password = 'hunter2-s3cret';
    return { DATABASE_URL: url.toString(), DATABASE_PATH: join(dir, 'never.db') };
  };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'paperboy-cli-pg-'));
    for (const s of schemas) await adminQuery(`CREATE SCHEMA ${s}`);
  });
  afterAll(async () => {
    expect(existsSync(join(dir, 'never.db'))).toBe(false);
    rmSync(dir, { recursive: true, force: true });
    for (const s of schemas) await dropSchema(s);
  });

  it('run --sample: a piped console session subscribes, digests with matched rules, and a second run posts nothing again', async () => {
    const env = envFor(schemas[0]!);
    const r = await runCli(['run', '--sample'], {
      env: { ...env, LOG_LEVEL: 'info' },
      input: '/papers subscribe pruning\n/papers list\n/papers digest\n',
      timeoutMs: 40_000,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/new papers? for pruning/);
    expect(r.stdout).toContain('matched: pruning');
    expect(r.stderr).toContain('"engine":"postgres"');
    expect(r.stderr).toContain('postgres://postgres:***@');
    expect(r.stderr + r.stdout).not.toContain('hunter2');

    const again = await runCli(['run', '--sample'], { env, input: '/papers digest\n', timeoutMs: 40_000 });
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain('matched: pruning');
  }, 90_000);

  it('digest --dry-run prints the plan and records nothing; digest posts it once', async () => {
    const env = envFor(schemas[1]!);
    await runCli(['run', '--sample'], { env, input: '/papers subscribe pruning\n', timeoutMs: 40_000 });
    const dry = await runCli(['digest', '--sample', '--dry-run'], { env: { ...env, PORT: '1' }, timeoutMs: 40_000 });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('dry run');
    expect(dry.stdout).toContain('matched: pruning');
    const real = await runCli(['digest', '--sample'], { env, timeoutMs: 40_000 });
    expect(real.code).toBe(0);
    expect(real.stdout).toContain('matched: pruning');
    expect(real.stderr).toMatch(/[1-9]\d* messages posted, 0 channels failed/);
    const twice = await runCli(['digest', '--sample'], { env, timeoutMs: 40_000 });
    expect(twice.code).toBe(0);
    expect(twice.stdout).not.toContain('matched:');
  }, 120_000);

  it('an unreachable DATABASE_URL stops with a one-line reason that names the database without its password', async () => {
    const r = await runCli(['digest'], { env: { DATABASE_URL: 'postgres://paperboy:hunter2-s3cret@127.0.0.1:1/paperboy' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot open the PostgreSQL database at postgres://paperboy:***@127.0.0.1:1/paperboy');
    expect(r.stderr).not.toContain('hunter2');
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});
