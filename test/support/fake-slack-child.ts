/**
 * The fake Slack in a process of its own (see fake-slack-process.ts), so a
 * benchmark's CPU and memory figures are Paperboy's alone. Reads its options
 * as JSON from argv, answers "ready" with where it listens, and each "report"
 * request with what it saw.
 * Usage: node --import tsx fake-slack-child.ts '<FakeSlackOptions as JSON>' (with an IPC channel)
 */
import { FakeSlack, type FakeSlackOptions } from './fake-slack.js';
import type { FakeSlackChildMessage, FakeSlackParentMessage } from './fake-slack-process.js';

const send = (m: FakeSlackChildMessage): void => {
  process.send?.(m);
};
const opts = JSON.parse(process.argv[2] ?? '{}') as Pick<FakeSlackOptions, 'postLimits'>;
const fake = await FakeSlack.start(opts);

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);
const cpuBefore = process.cpuUsage();

process.on('message', (raw: FakeSlackParentMessage) => {
  if (raw.type === 'report') {
    const cpu = process.cpuUsage(cpuBefore);
    send({
      type: 'report',
      report: {
        posts: fake.posts().map((p) => ({
          channel: p.channel,
          key: (p.metadata as { event_payload?: { idempotency_key?: string } } | undefined)?.event_payload?.idempotency_key ?? null,
        })),
        postCallTimes: fake.callsTo('chat.postMessage').map((c) => c.at),
        postCalls: fake.callsTo('chat.postMessage').map((c) => ({ channel: String(c.body.channel), at: c.at })),
        rateLimited: fake.rateLimited.length,
        peakRssMb: Math.max(peakRss, process.memoryUsage().rss) / 2 ** 20,
        cpuS: (cpu.user + cpu.system) / 1e6,
      },
    });
  } else if (raw.type === 'close') {
    clearInterval(sampler);
    void fake.close().then(() => process.disconnect());
  }
});
send({ type: 'ready', apiUrl: fake.apiUrl, token: fake.token, teamId: fake.teamId });
