import { LogLevel, type Logger as SlackLogger } from '@slack/web-api';
import type { Logger } from 'pino';

/**
 * Bolt and the WebClient log through their own Logger interface; route it into
 * the app's pino logger so there is one log stream with one redaction policy.
 * The level stays pino's: Bolt's setLevel calls are ignored.
 */
export function slackLogger(logger: Logger): SlackLogger {
  const log = logger.child({ component: 'slack-sdk' });
  const text = (msg: unknown[]) => msg.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(' ');
  return {
    debug: (...msg: unknown[]) => log.debug(text(msg)),
    info: (...msg: unknown[]) => log.info(text(msg)),
    warn: (...msg: unknown[]) => log.warn(text(msg)),
    error: (...msg: unknown[]) => log.error(text(msg)),
    setLevel: () => undefined,
    getLevel: () => {
      const level = log.level;
      if (level === 'debug' || level === 'trace') return LogLevel.DEBUG;
      if (level === 'info') return LogLevel.INFO;
      if (level === 'warn') return LogLevel.WARN;
      return LogLevel.ERROR;
    },
    setName: () => undefined,
  };
}
