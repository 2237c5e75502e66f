import type { Logger } from '../log.js';
import type { DigestPipeline } from './pipeline.js';

export interface DeliveryPump {
  stop(): void;
}

/**
 * Workers sharing a database each take, every `everyMs`, the channels with
 * due deliveries that their delivery pool has room for (DigestPipeline.pump):
 * a digest planned by one worker is delivered by all of them, and a channel
 * a dead worker held passes to the others within a few seconds.
 */
export function startDeliveryPump(opts: { digest: Pick<DigestPipeline, 'pump'>; everyMs: number; logger: Logger }): DeliveryPump {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    opts.digest
      .pump()
      .catch((err: unknown) => opts.logger.error({ err }, 'taking due deliveries failed'))
      .finally(() => {
        running = false;
      });
  }, opts.everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
