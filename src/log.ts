import { pino, type Logger } from 'pino';
import { lineScrubber, serializeError } from './log-scrub.js';

export type { Logger };

export interface LoggerOptions {
  /** Configured secrets (tokens, signing secret): scrubbed by value from every line. */
  secrets?: readonly string[];
}

/** JSON logs on stderr: stdout belongs to the console channel. */
export function createLogger(level: string, destination: NodeJS.WritableStream = process.stderr, opts: LoggerOptions = {}): Logger {
  const scrub = lineScrubber(opts.secrets);
  return pino(
    {
      level,
      base: { app: 'paperboy' },
      // Secrets never reach a log line, even when a whole config or request is logged.
      redact: {
        paths: ['*.token', '*.botToken', '*.appToken', '*.signingSecret', '*.publicKey', 'config.*', 'headers.authorization', '*.headers.authorization'],
        censor: '[redacted]',
      },
      serializers: { err: serializeError, error: serializeError },
      // The last word on every line, at every level: what redact paths cannot reach (an SDK's debug text, an error's URL).
      hooks: { streamWrite: scrub },
    },
    destination,
  );
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
