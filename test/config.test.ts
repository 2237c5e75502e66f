import { describe, expect, it } from 'vitest';
import { loadConfig, secretsOf } from '../src/config.js';
import { ConfigError } from '../src/errors.js';

function errorOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected loadConfig to fail');
}

describe('loadConfig', () => {
  it('gives a console-only setup with documented defaults when nothing is set', () => {
    const c = loadConfig({});
    expect(c.DATABASE_PATH).toBe('./data/paperboy.db');
    expect(c.TZ).toBe('UTC');
    expect(c.PAPERS_DIGEST_TIME).toBe('08:00');
    expect(c.PAPERS_MAX_PER_DIGEST).toBe(10);
    expect(c.PAPERS_ARXIV_CATEGORIES).toEqual([]);
    expect(c.HF_API_URL).toBe('https://huggingface.co');
    expect(c.ARXIV_API_URL).toBe('https://export.arxiv.org/api/query');
    expect(c.PORT).toBeUndefined();
    expect(c.slack).toBeNull();
    expect(c.discord).toBeNull();
  });

  it('SLACK_MANAGERS is members unless set to everyone or admins (issue #11, point 2)', () => {
    expect(loadConfig({}).SLACK_MANAGERS).toBe('members');
    expect(loadConfig({ SLACK_MANAGERS: 'Admins' }).SLACK_MANAGERS).toBe('admins');
    expect(loadConfig({ SLACK_MANAGERS: 'everyone' }).SLACK_MANAGERS).toBe('everyone');
    expect(errorOf({ SLACK_MANAGERS: 'guests' })).toMatch(/SLACK_MANAGERS must be everyone, members or admins/);
  });

  it('treats empty values as unset, as a copied .env.example has them', () => {
    const c = loadConfig({ PORT: '', SLACK_BOT_TOKEN: '', PAPERS_ARXIV_CATEGORIES: '' });
    expect(c.PORT).toBeUndefined();
    expect(c.slack).toBeNull();
  });

  it('parses categories and strips a trailing slash from base URLs', () => {
    const c = loadConfig({ PAPERS_ARXIV_CATEGORIES: 'cs.LG, cs.CV', HF_API_URL: 'http://127.0.0.1:9/' });
    expect(c.PAPERS_ARXIV_CATEGORIES).toEqual(['cs.LG', 'cs.CV']);
    expect(c.HF_API_URL).toBe('http://127.0.0.1:9');
  });

  it('chooses Slack Socket Mode with an app token and HTTP mode (PORT 3000) with a signing secret', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slack).toEqual({ mode: 'socket', auth: 'token' });
    const http = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' });
    expect(http.slack).toEqual({ mode: 'http', auth: 'token' });
    expect(http.PORT).toBe(3000);
  });

  const OAUTH = {
    SLACK_CLIENT_ID: '123.456',
    SLACK_CLIENT_SECRET: 'client-secret-1',
    SLACK_STATE_SECRET: 'state-secret-0123456789',
    SLACK_SIGNING_SECRET: 's',
  };

  it('chooses the installable Slack app (OAuth) with a client id, client secret and state secret, serving HTTP on PORT 3000', () => {
    const c = loadConfig(OAUTH);
    expect(c.slack).toEqual({ mode: 'http', auth: 'oauth' });
    expect(c.PORT).toBe(3000);
    // Events may still come through Socket Mode; the install pages need the HTTP server all the same.
    const socket = loadConfig({ ...OAUTH, SLACK_SIGNING_SECRET: '', SLACK_APP_TOKEN: 'xapp-1' });
    expect(socket.slack).toEqual({ mode: 'socket', auth: 'oauth' });
    expect(socket.PORT).toBe(3000);
  });

  it.each([
    [{ ...OAUTH, SLACK_STATE_SECRET: '' }, 'SLACK_STATE_SECRET missing'],
    [{ SLACK_CLIENT_ID: '123.456', SLACK_SIGNING_SECRET: 's' }, 'SLACK_CLIENT_SECRET and SLACK_STATE_SECRET missing'],
    [{ ...OAUTH, SLACK_SIGNING_SECRET: '' }, 'SLACK_SIGNING_SECRET is missing'],
    [{ ...OAUTH, SLACK_BOT_TOKEN: 'xoxb-1' }, 'not both'],
    [{ ...OAUTH, SLACK_STATE_SECRET: 'short' }, 'SLACK_STATE_SECRET must be at least 16 characters'],
  ])('refuses a half-configured installable app: %j says %s', (env, message) => {
    expect(errorOf(env)).toContain(message);
  });

  it('counts the client and state secrets among the values no log line may hold', () => {
    const secrets = secretsOf(loadConfig(OAUTH));
    expect(secrets).toEqual(expect.arrayContaining(['client-secret-1', 'state-secret-0123456789']));
  });

  it('chooses Discord gateway without a public key and HTTP interactions with one', () => {
    expect(loadConfig({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '123456789' }).discord).toEqual({ mode: 'gateway' });
    expect(loadConfig({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '123456789', DISCORD_PUBLIC_KEY: 'a'.repeat(64) }).discord).toEqual({ mode: 'http' });
  });

  it.each([
    [{ TZ: 'Mars/Olympus' }, 'TZ'],
    [{ PAPERS_DIGEST_TIME: '25:00' }, 'PAPERS_DIGEST_TIME'],
    [{ PAPERS_MAX_PER_DIGEST: 'ten' }, 'PAPERS_MAX_PER_DIGEST'],
    [{ PAPERS_MAX_PER_DIGEST: '0' }, 'PAPERS_MAX_PER_DIGEST'],
    [{ HF_API_URL: 'huggingface.co' }, 'HF_API_URL'],
    [{ PORT: 'abc' }, 'PORT'],
    [{ PAPERS_ARXIV_CATEGORIES: 'cs.LG;cs.CV' }, 'PAPERS_ARXIV_CATEGORIES'],
    [{ SLACK_BOT_TOKEN: 'xoxp-user', SLACK_APP_TOKEN: 'xapp-1' }, 'SLACK_BOT_TOKEN'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, 'SLACK_APP_TOKEN'],
    [{ SLACK_SIGNING_SECRET: 'x' }, 'SLACK_BOT_TOKEN'],
    [{ DISCORD_TOKEN: 't' }, 'DISCORD_APPLICATION_ID'],
    [{ DISCORD_PUBLIC_KEY: 'zz' }, 'DISCORD_PUBLIC_KEY'],
  ])('rejects %j naming %s', (env, name) => {
    expect(errorOf(env)).toContain(name);
  });

  it('DATABASE_URL chooses PostgreSQL; without it, SQLite at DATABASE_PATH', () => {
    expect(loadConfig({}).database).toEqual({ engine: 'sqlite', path: './data/paperboy.db' });
    expect(loadConfig({ DATABASE_PATH: '/data/p.db', DATABASE_URL: '' }).database).toEqual({ engine: 'sqlite', path: '/data/p.db' });
    for (const url of [
      'postgres://paperboy:pw@db:5432/paperboy',
      'postgresql://db/paperboy?sslmode=require',
      'postgres:///paperboy?host=/var/run/postgresql',
    ]) {
      expect(loadConfig({ DATABASE_URL: url, DATABASE_PATH: '/data/p.db' }).database).toEqual({ engine: 'postgres', url });
    }
  });

  it.each(['mysql://u:pw-secret-1@db/paperboy', 'postgres//u:pw-secret-1@db', 'db.internal:5432', 'postgres://u:pw-secret-1@[bad'])(
    'rejects DATABASE_URL %s, naming it without echoing its password',
    (url) => {
      const msg = errorOf({ DATABASE_URL: url });
      expect(msg).toContain('DATABASE_URL must be a PostgreSQL URL');
      expect(msg).not.toContain('pw-secret-1');
    },
  );

  it('never echoes a secret value in its error', () => {
    const msg = errorOf({ SLACK_BOT_TOKEN: 'xoxp-secret-value-123', SLACK_APP_TOKEN: 'xapp-1' });
    expect(msg).not.toContain('secret-value-123');
  });

  it('reads PAPERS_FETCH_INTERVAL as a duration: 30 minutes by default, 30m, 1h, 90s and 1h30m as written', () => {
    expect(loadConfig({}).PAPERS_FETCH_INTERVAL).toBe(30 * 60_000);
    expect(loadConfig({ PAPERS_FETCH_INTERVAL: '1h' }).PAPERS_FETCH_INTERVAL).toBe(3_600_000);
    expect(loadConfig({ PAPERS_FETCH_INTERVAL: '90s' }).PAPERS_FETCH_INTERVAL).toBe(90_000);
    expect(loadConfig({ PAPERS_FETCH_INTERVAL: ' 1h30m ' }).PAPERS_FETCH_INTERVAL).toBe(5_400_000);
  });

  it.each(['30', 'half an hour', '30s', '25h', '-5m'])('refuses PAPERS_FETCH_INTERVAL=%s, naming the variable and the form', (value) => {
    const message = errorOf({ PAPERS_FETCH_INTERVAL: value });
    expect(message).toContain('PAPERS_FETCH_INTERVAL');
    expect(message).toContain('such as 30m, 1h or 90s');
  });
});
