import { z } from 'zod';
import { canonicalTimeZone, parseTimeOfDay } from './commands/time.js';
import { ConfigError } from './errors.js';
import { parseDuration } from './util/duration.js';

// The config takes only the canonical "08:00" form: parseTimeOfDay also accepts "8:00", which it pads, so that does not round-trip.
const isHHMM = (s: string): boolean => parseTimeOfDay(s) === s;

const optionalString = z
  .string()
  .transform((s) => s.trim())
  .optional()
  .transform((s) => (s ? s : undefined));

const url = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .refine((s) => /^https?:\/\/[^\s]+$/.test(s), 'must be an http(s) URL, e.g. http://127.0.0.1:8080')
    .transform((s) => s.replace(/\/+$/, ''));

const int = (fallback: number, min: number, max: number) =>
  z
    .string()
    .trim()
    .default(String(fallback))
    .refine((s) => /^\d+$/.test(s), 'must be a whole number')
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be between ${min} and ${max}`);

function isPostgresUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'postgres:' || u.protocol === 'postgresql:';
  } catch {
    return false;
  }
}

/** A duration such as 30m, 1h or 90s, in milliseconds, within [minMs, maxMs]. */
const duration = (fallback: string, minMs: number, maxMs: number, range: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .transform((s) => parseDuration(s))
    .refine((ms): ms is number => ms !== null && ms >= minMs && ms <= maxMs, `must be a duration such as 30m, 1h or 90s, ${range}`);

/** Every environment variable Paperboy reads, with its default. The README's table mirrors this. */
const EnvSchema = z.object({
  DATABASE_PATH: z.string().trim().min(1).default('./data/paperboy.db'),
  // The messages never echo the value: it holds the database password.
  DATABASE_URL: optionalString.refine(
    (s) => s === undefined || isPostgresUrl(s),
    'must be a PostgreSQL URL such as postgres://user:password@host:5432/paperboy (unset: SQLite at DATABASE_PATH)',
  ),
  TZ: z
    .string()
    .trim()
    .default('UTC')
    .refine((s) => canonicalTimeZone(s) !== null, 'must be an IANA timezone such as Europe/Berlin'),
  PAPERS_DIGEST_TIME: z.string().trim().default('08:00').refine(isHHMM, 'must be HH:MM (24-hour), e.g. 08:00'),
  PAPERS_MAX_PER_DIGEST: int(10, 1, 50),
  PAPERS_ARXIV_CATEGORIES: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean),
    )
    .refine((cs) => cs.every((c) => /^[a-z-]+(\.[A-Za-z-]+)?$/.test(c)), 'must be comma-separated arXiv categories, e.g. cs.LG,cs.CV'),
  PAPERS_SOURCES: z
    .string()
    .default('hf,arxiv')
    .transform((s) =>
      s
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean),
    )
    .refine((cs) => cs.every((c) => c === 'hf' || c === 'arxiv'), 'must list sources among hf,arxiv'),
  PAPERS_FETCH_TIMEOUT_MS: int(20_000, 1_000, 300_000),
  // Hugging Face's cadence; the scheduler looks once a minute, so less than a minute would mean a minute anyway.
  PAPERS_FETCH_INTERVAL: duration('30m', 60_000, 86_400_000, 'from 1m to 24h'),
  PAPERS_FETCH_MAX_BYTES: int(50 * 1024 * 1024, 1024, 2 ** 31 - 1),
  PAPERS_CHANNEL_CONCURRENCY: int(1000, 1, 10_000),
  // How many `paperboy run` processes share the database and the bots (docker-compose.yml: 3): each takes its share of Discord's global rate limit.
  PAPERBOY_WORKERS: int(1, 1, 100),
  HF_API_URL: url('https://huggingface.co'),
  ARXIV_API_URL: url('https://export.arxiv.org/api/query'),
  PORT: optionalString
    .refine((s) => s === undefined || (/^\d+$/.test(s) && Number(s) < 65536), 'must be a TCP port number')
    .transform((s) => (s === undefined ? undefined : Number(s))),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SLACK_BOT_TOKEN: optionalString.refine((s) => s === undefined || s.startsWith('xoxb-'), 'must be a bot token starting with xoxb-'),
  SLACK_APP_TOKEN: optionalString.refine((s) => s === undefined || s.startsWith('xapp-'), 'must be an app-level token starting with xapp-'),
  SLACK_SIGNING_SECRET: optionalString,
  // The distributable app (OAuth): installed from GET /slack/install into any number of workspaces.
  SLACK_CLIENT_ID: optionalString,
  SLACK_CLIENT_SECRET: optionalString,
  SLACK_STATE_SECRET: optionalString.refine((s) => s === undefined || s.length >= 16, 'must be at least 16 characters (a long random string)'),
  SLACK_API_URL: optionalString.refine((s) => s === undefined || /^https?:\/\//.test(s), 'must be an http(s) URL such as https://slack.com/api/'),
  SLACK_MANAGERS: z
    .string()
    .trim()
    .toLowerCase()
    .default('members')
    .refine((s): s is 'everyone' | 'members' | 'admins' => ['everyone', 'members', 'admins'].includes(s), 'must be everyone, members or admins')
    .transform((s) => s as 'everyone' | 'members' | 'admins'),
  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: optionalString.refine((s) => s === undefined || /^\d{5,25}$/.test(s), 'must be the numeric application id'),
  DISCORD_PUBLIC_KEY: optionalString.refine((s) => s === undefined || /^[0-9a-fA-F]{64}$/.test(s), 'must be the 64-hex-character public key'),
  DISCORD_GUILD_ID: optionalString.refine((s) => s === undefined || /^\d{5,25}$/.test(s), 'must be a numeric guild id'),
  DISCORD_API_URL: optionalString.refine((s) => s === undefined || /^https?:\/\//.test(s), 'must be an http(s) URL ending in /api'),
  DISCORD_MANAGE_PERMISSION: z.string().trim().default('ManageChannels'),
});

export type Env = z.infer<typeof EnvSchema>;

export type DatabaseChoice = { engine: 'sqlite'; path: string } | { engine: 'postgres'; url: string };

export interface Config extends Env {
  /** DATABASE_URL chooses PostgreSQL; without it, SQLite at DATABASE_PATH. */
  database: DatabaseChoice;
  /**
   * How Slack events arrive (Socket Mode or HTTP), and where tokens come from:
   * `token`, one workspace with SLACK_BOT_TOKEN; `oauth`, the distributable app,
   * one token per workspace installed through /slack/install.
   */
  slack: { mode: 'socket' | 'http'; auth: 'token' | 'oauth' } | null;
  discord: { mode: 'gateway' | 'http' } | null;
}

const FIX_HINT: Partial<Record<keyof Env, string>> = {
  SLACK_APP_TOKEN: 'create one under Basic Information → App-Level Tokens with connections:write',
  SLACK_BOT_TOKEN: 'copy it from OAuth & Permissions → Bot User OAuth Token',
  SLACK_STATE_SECRET: 'any long random string, e.g. from `openssl rand -hex 32`',
  DISCORD_PUBLIC_KEY: 'copy it from the Developer Portal → General Information → Public Key',
};

/**
 * Parse the environment once at start-up. Throws ConfigError naming every
 * bad variable and how to fix it; never echoes a secret's value.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  // An empty value (`PORT=` in a .env file) means "not set".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = String(i.path[0] ?? 'environment') as keyof Env;
      const hint = FIX_HINT[name];
      return `${name} ${i.message}${hint ? ` (${hint})` : ''}`;
    });
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const problems: string[] = [];
  let slack: Config['slack'] = null;
  const oauthVars = { SLACK_CLIENT_ID: e.SLACK_CLIENT_ID, SLACK_CLIENT_SECRET: e.SLACK_CLIENT_SECRET, SLACK_STATE_SECRET: e.SLACK_STATE_SECRET };
  const oauthMissing = Object.entries(oauthVars)
    .filter(([, v]) => !v)
    .map(([k]) => k);
  const oauth = oauthMissing.length < 3;
  if (oauth && e.SLACK_BOT_TOKEN) {
    problems.push(
      'SLACK_BOT_TOKEN and SLACK_CLIENT_ID… are both set: use SLACK_BOT_TOKEN for one workspace, or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET for the app installed from /slack/install, not both',
    );
  } else if (oauth) {
    if (oauthMissing.length)
      problems.push(`${oauthMissing.join(' and ')} missing: the installable Slack app needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET`);
    else if (e.SLACK_APP_TOKEN) slack = { mode: 'socket', auth: 'oauth' };
    else if (e.SLACK_SIGNING_SECRET) slack = { mode: 'http', auth: 'oauth' };
    else
      problems.push(
        'SLACK_SIGNING_SECRET is missing: the installable Slack app receives its events on /slack/events, signed with it (Basic Information → Signing Secret)',
      );
  } else if (e.SLACK_BOT_TOKEN) {
    if (e.SLACK_APP_TOKEN) slack = { mode: 'socket', auth: 'token' };
    else if (e.SLACK_SIGNING_SECRET) slack = { mode: 'http', auth: 'token' };
    else problems.push('SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP mode) is: set one of them');
  } else if (e.SLACK_APP_TOKEN || e.SLACK_SIGNING_SECRET) {
    problems.push('SLACK_BOT_TOKEN is missing: Slack needs the bot token (xoxb-…) as well as SLACK_APP_TOKEN or SLACK_SIGNING_SECRET');
  }
  let discord: Config['discord'] = null;
  if (e.DISCORD_TOKEN) {
    if (!e.DISCORD_APPLICATION_ID) problems.push('DISCORD_APPLICATION_ID is missing: copy the Application ID from the Developer Portal');
    else discord = { mode: e.DISCORD_PUBLIC_KEY ? 'http' : 'gateway' };
  } else if (e.DISCORD_APPLICATION_ID || e.DISCORD_PUBLIC_KEY) {
    problems.push('DISCORD_TOKEN is missing: copy the bot token from the Developer Portal → Bot');
  }
  // The installable app serves /slack/install and /slack/oauth_redirect, whichever way its events arrive.
  const needsHttp = slack?.mode === 'http' || slack?.auth === 'oauth' || discord?.mode === 'http';
  const database: DatabaseChoice = e.DATABASE_URL ? { engine: 'postgres', url: e.DATABASE_URL } : { engine: 'sqlite', path: e.DATABASE_PATH };
  const config: Config = { ...e, PORT: e.PORT ?? (needsHttp ? 3000 : undefined), database, slack, discord };
  if (problems.length) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  return config;
}

/** The configured values that must never appear in a log line (the logger scrubs them wherever they turn up). */
export function secretsOf(config: Env): string[] {
  const values = [
    config.SLACK_BOT_TOKEN,
    config.SLACK_APP_TOKEN,
    config.SLACK_SIGNING_SECRET,
    config.SLACK_CLIENT_SECRET,
    config.SLACK_STATE_SECRET,
    config.DISCORD_TOKEN,
    ...databasePassword(config.DATABASE_URL),
  ];
  return values.filter((v): v is string => typeof v === 'string' && v.length >= 6);
}

/** The password in DATABASE_URL, as written and decoded. */
function databasePassword(url: string | undefined): string[] {
  if (!url) return [];
  try {
    const password = new URL(url).password;
    return password ? [password, decodeURIComponent(password)] : [];
  } catch {
    return [];
  }
}
