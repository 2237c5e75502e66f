import { PassThrough } from 'node:stream';
import { createCore } from '../../app/core.js';
import { runApp } from '../../app/run.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import type { RemoteFakeSlack } from '../../test/support/fake-slack-process.js';
import { topicOf } from './papers.js';

/** The installable app's credentials, as registered with the fake Slack and given to every worker. */
export const SLACK_APP = {
  SLACK_CLIENT_ID: '1111.2222',
  SLACK_CLIENT_SECRET: 'bench-client-secret-3f9a1c',
  SLACK_STATE_SECRET: 'bench-state-secret-8d2e0b7c41a9',
  SLACK_SIGNING_SECRET: 'bench-signing-secret',
} as const;

export interface Layout {
  workspaces: number;
  channels: number;
  topics: number;
}

/** Workspace w's id, and its channels' ids (channels dealt round the workspaces). */
export function teams(layout: Layout): { id: string; channels: string[] }[] {
  const out = Array.from({ length: layout.workspaces }, (_, w) => ({ id: `T${String(w).padStart(5, '0')}`, channels: [] as string[] }));
  for (let c = 0; c < layout.channels; c++) {
    const team = out[c % layout.workspaces]!;
    team.channels.push(`C${team.id.slice(1)}${String(team.channels.length).padStart(3, '0')}`);
  }
  return out;
}

async function eachLimited<T>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        await task(items[i]!, i);
      }
    }),
  );
}

/**
 * Installs every workspace through Paperboy's own /slack/install and
 * /slack/oauth_redirect (an app in this process, the installable mode, no
 * scheduler), the fake Slack playing the browser and the consent page; then
 * gives each channel a rule matching its topic, written to the store (the
 * /papers command is not what is measured). Channels are a day old, so the
 * first minute's tick of a worker finds today's digest due.
 */
export async function installAll(databaseUrl: string, fake: RemoteFakeSlack, layout: Layout): Promise<{ installS: number; rulesS: number }> {
  const config = loadConfig({ DATABASE_URL: databaseUrl, PORT: '0', SLACK_API_URL: fake.apiUrl, ...SLACK_APP });
  const core = await createCore({ config, logger: silentLogger(), sources: [] });
  const app = await runApp(core, { stdin: new PassThrough(), stdout: new PassThrough(), schedule: false });
  try {
    const plan = teams(layout);
    const started = performance.now();
    const failed = await fake.install({
      appBase: `http://127.0.0.1:${app.httpPort}`,
      clientId: SLACK_APP.SLACK_CLIENT_ID,
      clientSecret: SLACK_APP.SLACK_CLIENT_SECRET,
      teams: plan,
      concurrency: 16,
    });
    if (failed.length > 0) throw new Error(`${failed.length} of ${plan.length} installs failed, first: ${failed[0]}`);
    const installed = performance.now();
    const dayAgo = new Date(Date.now() - 86_400_000).toISOString();
    const channels = plan.flatMap((t) => t.channels.map((channelId) => ({ team: t.id, channelId })));
    await eachLimited(channels, 16, async ({ team, channelId }, i) => {
      const ch = await core.stores.channels.ensure({ platform: 'slack', workspaceId: team, channelId }, dayAgo);
      await core.stores.rules.add(ch.id, topicOf(i, layout.topics), 'UBENCH', dayAgo);
    });
    return { installS: (installed - started) / 1000, rulesS: (performance.now() - installed) / 1000 };
  } finally {
    await app.stop();
  }
}
