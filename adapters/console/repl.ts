import { createInterface } from 'node:readline';
import type { CoreServices } from '../../src/chat/adapter.js';
import { replyPlainText } from '../../src/chat/reply.js';
import type { CommandContext } from '../../src/commands/types.js';
import { CONSOLE_CHANNEL } from './port.js';

export interface ConsoleSession {
  /** Resolves when input ends (piped stdin) or the user types `exit`. */
  done: Promise<void>;
  close(): void;
}

/** `/papers subscribe pruning`, `papers list` and plain `list` all work at the prompt. */
export function commandText(line: string): string {
  return line.trim().replace(/^\/?papers\b\s*/i, '');
}

/**
 * Reads one command per line and prints each reply. Lines are handled one at
 * a time, in order, so piped input behaves like a person typing.
 */
export function startConsoleSession(opts: {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  interactive: boolean;
  core: Pick<CoreServices, 'commands'>;
  user?: string;
}): ConsoleSession {
  const rl = createInterface({ input: opts.input, output: opts.interactive ? opts.output : undefined, terminal: opts.interactive });
  const ctx: CommandContext = { channel: CONSOLE_CHANNEL, userId: opts.user ?? 'local-user', userName: opts.user ?? 'you', canManage: true, threadId: null };
  if (opts.interactive) {
    opts.output.write('Paperboy console — this terminal is a channel. Try: /papers subscribe pruning, /papers digest, /papers help. Ctrl-D to quit.\n');
    rl.setPrompt('paperboy> ');
    rl.prompt();
  }
  const done = (async () => {
    for await (const line of rl) {
      const text = line.trim();
      if (!text || text.startsWith('#')) {
        if (opts.interactive) rl.prompt();
        continue;
      }
      if (text === 'exit' || text === 'quit') break;
      const reply = await opts.core.commands.handle(ctx, commandText(text));
      opts.output.write(`${replyPlainText(reply)}\n`);
      // A terminal has no file uploads: the file is printed after the answer, ready to redirect or copy.
      if (reply.attachment) opts.output.write(`\n${reply.attachment.content}`);
      if (opts.interactive) rl.prompt();
    }
    rl.close();
  })();
  return { done, close: () => rl.close() };
}
