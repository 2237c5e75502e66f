import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { CommandHandler } from '../commands/types.js';
import type { DigestService } from '../digest/types.js';
import type { HttpRoutes } from '../http/routes.js';
import type { Stores } from '../store/types.js';
import type { ChatPort } from './port.js';

/** What the core hands an adapter when the app starts it. */
export interface CoreServices {
  commands: CommandHandler;
  stores: Stores;
  /** Resolved lazily: the pipeline needs every adapter's port before it exists. */
  digest: () => DigestService;
  clock: Clock;
  logger: Logger;
  /** Present when PORT is set: adapters that receive HTTP add their routes here. */
  http: HttpRoutes | null;
}

export interface RunningAdapter {
  port: ChatPort;
  stop(): Promise<void>;
}
