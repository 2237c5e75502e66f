import type { Logger } from 'pino';
import { CONSOLE_CHANNEL } from '../../adapters/console/port.js';
import { replyPlainText } from '../../src/chat/reply.js';
import type { Config } from '../../src/config.js';
import { createCore } from '../core.js';

/** `paperboy preview <rule>`: the same answer as `/papers preview` in the console channel. */
export async function previewCommand(opts: { config: Config; logger: Logger; sample: boolean; rule: string; out: NodeJS.WritableStream }): Promise<number> {
  const core = await createCore({ config: opts.config, logger: opts.logger, sample: opts.sample });
  try {
    if (opts.sample || (await core.stores.papers.count()) === 0) await core.digest.refresh();
    const reply = await core.commands.handle(
      { channel: CONSOLE_CHANNEL, userId: 'cli', userName: 'cli', canManage: false, threadId: null },
      `preview ${opts.rule}`,
    );
    opts.out.write(`${replyPlainText(reply)}\n`);
    return reply.ok ? 0 : 1;
  } finally {
    await core.close();
  }
}
