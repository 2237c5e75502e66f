import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createCore, type Core } from '../../app/core.js';
import { runApp, type RunningApp } from '../../app/run.js';
import type { Logger } from 'pino';
import { type Config, loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { SECRET } from '../adapters/slack/helpers.js';
import { postToSlackEvents, slashCommand } from '../adapters/slack/signed.js';
import { FakeSlack } from '../support/fake-slack.js';
import { FakeSource } from '../support/fake-source.js';
import { makePaper } from '../support/papers.js';
import { adminQuery, dropSchema, PG_URL, schemaUrl, uniqueSchemaName } from '../support/postgres.js';

export const CLIENT_ID = '1111.2222';
export const CLIENT_SECRET = 'client-secret-3f9a1c';
export const STATE_SECRET = 'state-secret-8d2e0b7c41a9';

export type Engine = 'sqlite' | 'postgres';
export const ENGINES: Engine[] = PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/** A database for one test: a SQLite file, or a PostgreSQL schema of its own. */
export async function testDatabase(engine: Engine): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  if (engine === 'postgres') {
    const schema = uniqueSchemaName('slack_oauth');
    await adminQuery(`CREATE SCHEMA ${schema}`);
    return { env: { DATABASE_URL: schemaUrl(schema) }, drop: () => dropSchema(schema) };
  }
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-slack-oauth-'));
  return { env: { DATABASE_PATH: join(dir, 'db.sqlite') }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

export function oauthConfig(fake: FakeSlack, env: Record<string, string>) {
  return loadConfig({
    ...env,
    PORT: '0',
    SLACK_CLIENT_ID: CLIENT_ID,
    SLACK_CLIENT_SECRET: CLIENT_SECRET,
    SLACK_STATE_SECRET: STATE_SECRET,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
  });
}

export const today = (): string => new Date().toISOString().slice(0, 10);

/** Today's papers: two about pruning (what the channels subscribe to), one not. */
export function pruningSource(): FakeSource {
  const day = today();
  return new FakeSource('hf').set(day, [
    makePaper({ title: 'Structured pruning of LLMs', hfDate: day, sources: ['hf'], upvotes: 40 }),
    makePaper({ title: 'Pruning at initialization, revisited', hfDate: day, sources: ['hf'], upvotes: 10 }),
    makePaper({ title: 'Diffusion for audio', hfDate: day, sources: ['hf'] }),
  ]);
}

export interface OAuthApp {
  fake: FakeSlack;
  core: Core;
  /** The configuration the app runs with: another worker on the same database starts from it. */
  config: ReturnType<typeof oauthConfig>;
  app: RunningApp;
  base: string;
  source: FakeSource;
  stop(): Promise<void>;
}

/** The real app in the installable mode on 127.0.0.1, the fake Slack registered with its redirect URL. */
export async function startOAuthApp(
  engine: Engine,
  opts: { fake?: FakeSlack; tokenRotation?: boolean; tokenLifetimeS?: number; logger?: (config: Config) => Logger } = {},
): Promise<OAuthApp> {
  const fake = opts.fake ?? (await FakeSlack.start());
  const db = await testDatabase(engine);
  const source = pruningSource();
  const config = oauthConfig(fake, db.env);
  const core = await createCore({ config, logger: opts.logger?.(config) ?? silentLogger(), sources: [source] });
  const app = await runApp(core, { stdin: new PassThrough(), stdout: new PassThrough(), schedule: false });
  const base = `http://127.0.0.1:${app.httpPort}`;
  fake.workspaces.app = {
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUrls: [`${base}/slack/oauth_redirect`],
    ...(opts.tokenRotation ? { tokenRotation: true } : {}),
    ...(opts.tokenLifetimeS ? { tokenLifetimeS: opts.tokenLifetimeS } : {}),
  };
  return {
    fake,
    core,
    config,
    app,
    base,
    source,
    async stop() {
      await app.stop();
      await fake.close();
      await db.drop();
    },
  };
}

let serial = 0;

/** `/papers <text>` from a person in a team's channel, signed; resolves to the command's answer once it reaches the response_url. */
export async function command(
  env: Pick<OAuthApp, 'fake' | 'base'>,
  where: { team: string; channel: string; user: string; enterpriseId?: string; orgWide?: boolean },
  text: string,
): Promise<Record<string, unknown>> {
  serial += 1;
  const id = `r${serial}`;
  const fields: Record<string, string> = {
    command: '/papers',
    text,
    user_id: where.user,
    user_name: where.user.toLowerCase(),
    team_id: where.team,
    channel_id: where.channel,
    channel_name: 'papers',
    response_url: env.fake.responseUrl(id),
    trigger_id: `trig${serial}`,
    api_app_id: 'AFAKEAPP',
  };
  if (where.enterpriseId) fields.enterprise_id = where.enterpriseId;
  if (where.orgWide) fields.is_enterprise_install = 'true';
  const res = await postToSlackEvents(env.base, slashCommand(fields));
  if (res.status !== 200) throw new Error(`/papers ${text} answered ${res.status}`);
  const started = Date.now();
  for (;;) {
    const answer = env.fake.responses.find((r) => r.id === id);
    if (answer) return answer.body;
    if (Date.now() - started > 10_000) throw new Error(`/papers ${text} was never answered`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
