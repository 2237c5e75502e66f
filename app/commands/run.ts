import type { Logger } from 'pino';
import type { Config } from '../../src/config.js';
import { createCore } from '../core.js';
import { runApp } from '../run.js';

export async function runCommand(opts: { config: Config; logger: Logger; sample: boolean }): Promise<number> {
  const core = await createCore({ config: opts.config, logger: opts.logger, sample: opts.sample });
  const app = await runApp(core, { stdin: process.stdin, stdout: process.stdout });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    opts.logger.info({ signal }, 'shutting down');
    await app.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  await app.finished;
  stopping = true;
  await app.stop();
  return 0;
}
