import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

const compose = readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8');
const dockerfile = readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8');

/** The lines of one top-level service, up to the next service or section. */
function service(name: string): string {
  const lines = compose.split('\n');
  const start = lines.indexOf(`  ${name}:`);
  expect(start, `service ${name}`).toBeGreaterThan(0);
  const end = lines.findIndex((l, i) => i > start && /^ {0,2}\S/.test(l));
  return lines.slice(start + 1, end).join('\n');
}

/**
 * docker-compose.yml cannot run here (no Docker engine): this holds it to what
 * test/app/workers-postgres.test.ts runs without Docker, three `paperboy run`
 * processes with one environment on one PostgreSQL database.
 */
describe('docker-compose.yml (the scale-out quick start)', () => {
  it('runs three Paperboy replicas from this Dockerfile, with one .env, on the compose PostgreSQL', () => {
    const paperboy = service('paperboy');
    expect(paperboy).toMatch(/^ {4}build: \.$/m);
    expect(paperboy).toMatch(/^ {4}env_file: \.env$/m);
    const replicas = Number(/replicas: (\d+)/.exec(paperboy)?.[1]);
    expect(replicas).toBe(3);
    // Each worker takes its share of Discord's limit: PAPERBOY_WORKERS is the replica count.
    expect(paperboy).toContain(`PAPERBOY_WORKERS: "${replicas}"`);
    const url = /DATABASE_URL: (\S+)/.exec(paperboy)?.[1] ?? '';
    // Compose fills ${POSTGRES_PASSWORD:-default} from .env, else the default.
    const resolved = url.replace(/\$\{POSTGRES_PASSWORD:-(\w+)\}/, '$1');
    expect(resolved).not.toContain('$');
    expect(loadConfig({ DATABASE_URL: resolved, PAPERBOY_WORKERS: String(replicas), PORT: '3000' }).database).toEqual({ engine: 'postgres', url: resolved });
    expect(new URL(resolved).host).toBe('db:5432');
    expect(paperboy).toMatch(/depends_on:\n\s+db:\n\s+condition: service_healthy/);
  });

  it('health checks: pg_isready for the database, GET /healthz on PORT for each worker', () => {
    expect(service('db')).toContain('pg_isready');
    const paperboy = service('paperboy');
    const port = /PORT: "(\d+)"/.exec(paperboy)?.[1];
    expect(paperboy).toContain(`http://127.0.0.1:${port}/healthz`);
    expect(paperboy).toContain(`:${port}"`);
    // The image runs `paperboy run` by default, as the test's workers do.
    expect(dockerfile).toMatch(/^ENTRYPOINT \["node", "dist\/app\/cli\.js"\]$/m);
    expect(dockerfile).toMatch(/^CMD \["run"\]$/m);
  });
});
