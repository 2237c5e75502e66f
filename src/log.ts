import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON logs on stderr: stdout belongs to the console channel. */
export function createLogger(level: string, destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino(
    {
      level,
      base: { app: 'paperboy' },
      // Secrets never reach a log line, even when a whole config or request is logged.
      redact: {
        paths: ['*.token', '*.botToken', '*.appToken', '*.signingSecret', '*.publicKey', 'config.*', 'headers.authorization', '*.headers.authorization'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
