import type { Logger } from 'pino';
import { createConsolePort } from '../../adapters/console/port.js';
import { renderConsoleMessage } from '../../adapters/console/render.js';
import type { Config } from '../../src/config.js';
import { isDay } from '../../src/util/days.js';
import { createCore } from '../core.js';
import { deliveryOnlyPorts } from '../ports.js';

/**
 * `paperboy digest`: one cycle for every channel, then exit. Serves no HTTP and
 * starts no receivers, so it can run beside `paperboy run` on the same database.
 */
export async function digestCommand(opts: {
  config: Config;
  logger: Logger;
  sample: boolean;
  date: string | undefined;
  dryRun: boolean;
  out: NodeJS.WritableStream;
}): Promise<number> {
  if (opts.date !== undefined && !isDay(opts.date)) {
    process.stderr.write(`paperboy: --date must be a day as YYYY-MM-DD, got "${opts.date}"\n`);
    return 2;
  }
  const core = await createCore({ config: opts.config, logger: opts.logger, sample: opts.sample });
  try {
    core.ports.set('console', createConsolePort(opts.out));
    for (const port of await deliveryOnlyPorts(core)) core.ports.set(port.platform, port);
    if (!opts.dryRun) await core.digest.deliverPending();
    const report = await core.digest.runCycle({ ...(opts.date ? { day: opts.date } : {}), dryRun: opts.dryRun });
    if (opts.dryRun) {
      for (const ch of report.channels) {
        if (!ch.messages?.length) continue;
        const channel = await core.stores.channels.get(ch.channelId);
        opts.out.write(`\n# ${channel ? `${channel.platform}:${channel.channelId}` : ch.channelId} (dry run: nothing posted)\n`);
        for (const m of ch.messages) opts.out.write(`${renderConsoleMessage(m)}\n`);
      }
    }
    const sent = report.channels.reduce((s, c) => s + c.sent, 0);
    const failed = report.channels.filter((c) => c.failed).length;
    const sourceLine = report.fetched.map((f) => `${f.source} ${f.ok ? `${f.papers} papers` : `failed (${f.error ?? 'error'})`}`).join(', ');
    process.stderr.write(
      `paperboy digest: sources: ${sourceLine || 'none due'}; ${report.papersAdded} new papers stored; ${report.channels.length} channels, ${opts.dryRun ? `${report.channels.reduce((s, c) => s + c.planned, 0)} posts planned (dry run)` : `${sent} messages posted`}, ${failed} channels failed\n`,
    );
    return failed > 0 ? 1 : 0;
  } finally {
    await core.close();
  }
}
