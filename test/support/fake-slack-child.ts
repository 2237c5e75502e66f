/**
 * The fake Slack in a process of its own, so a benchmark's CPU and memory
 * figures are Paperboy's alone. Started by fake-slack-process.ts with its
 * FakeSlackOptions as JSON in argv[2]; answers requests over the IPC channel.
 */
import { FakeSlack, type FakeSlackOptions } from './fake-slack.js';
import type { FakeRequest, FakeResponse, InstallPlan } from './fake-slack-ipc.js';
import { installWorkspace } from './slack-install.js';

const fake = await FakeSlack.start(JSON.parse(process.argv[2] ?? '{}') as FakeSlackOptions);

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);

const keyOf = (metadata: unknown): string => (metadata as { event_payload?: { idempotency_key?: string } } | undefined)?.event_payload?.idempotency_key ?? '';

/** Each workspace installed through the app's OAuth pages as a browser would, `concurrency` at a time; its channels the bot is in. */
async function install(plan: InstallPlan): Promise<string[]> {
  fake.workspaces.app = { clientId: plan.clientId, clientSecret: plan.clientSecret, redirectUrls: [`${plan.appBase}/slack/oauth_redirect`] };
  const failed: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < plan.teams.length) {
      const team = plan.teams[next++];
      if (!team) break;
      for (const channel of team.channels) fake.setChannel(channel, 'member', team.id);
      const done = await installWorkspace(plan.appBase, fake, { team: team.id }).catch((err: unknown) => ({ status: 0, body: String(err) }));
      if (done.status !== 200) failed.push(`${team.id}: ${done.status} ${done.body.slice(0, 200)}`);
    }
  };
  await Promise.all(Array.from({ length: plan.concurrency }, worker));
  return failed;
}

async function answer(req: FakeRequest): Promise<FakeResponse> {
  switch (req.op) {
    case 'install':
      return { id: req.id, op: 'install', failed: await install(req.plan) };
    case 'count':
      return { id: req.id, op: 'count', posts: fake.messages.length };
    case 'report': {
      const calls = fake.callsTo('chat.postMessage');
      return {
        id: req.id,
        op: 'report',
        posts: fake.posts().map((p) => ({ channel: p.channel, key: keyOf(p.metadata) })),
        postCalls: calls.map((c) => ({ channel: String(c.body.channel), at: c.at })),
        rateLimited: fake.rateLimited.length,
        historyCalls: fake.callsTo('conversations.history').length,
      };
    }
    case 'usage': {
      const cpu = process.cpuUsage();
      return { id: req.id, op: 'usage', cpuS: (cpu.user + cpu.system) / 1e6, peakRssMb: Math.max(peakRss, process.memoryUsage().rss) / 2 ** 20 };
    }
    case 'stop':
      clearInterval(sampler);
      await fake.close();
      return { id: req.id, op: 'stop' };
  }
}

process.on('message', (req: FakeRequest) => {
  void answer(req).then(
    (res) => {
      process.send?.(res);
      if (res.op === 'stop') process.disconnect();
    },
    (err: unknown) => process.send?.({ id: req.id, op: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});
process.send?.({ id: 0, op: 'ready', origin: fake.origin, apiUrl: fake.apiUrl, token: fake.token, teamId: fake.teamId } satisfies FakeResponse);
