import type { Clock } from '../clock.js';
import type { Metrics } from '../metrics.js';
import type { Stores } from '../store/types.js';
import type { Coordination } from './coordination.js';

/** What one worker reports about itself at /healthz and /metrics. */
export interface WorkerReport {
  id: string;
  /** Deliveries this worker is sending, and channel queues it holds. */
  claims: { deliveries: number; channels: number };
  /** How long the longest-waiting due planned delivery (any worker's to take) has waited, in seconds; 0 when none waits. */
  oldestPlannedLagSeconds: number;
  /** Workers alive on the database, this one included. */
  liveWorkers: number;
}

export async function workerReport(deps: { coordination: Coordination; stores: Stores; clock: Clock }): Promise<WorkerReport> {
  const now = deps.clock.now();
  const [load, live] = await Promise.all([deps.stores.deliveries.workload(deps.coordination.workerId, now.toISOString()), deps.coordination.liveWorkers()]);
  const lag = load.oldestDueAt === null ? 0 : Math.max(0, (now.getTime() - Date.parse(load.oldestDueAt)) / 1000);
  return {
    id: deps.coordination.workerId,
    claims: { deliveries: load.deliveries, channels: load.channels },
    oldestPlannedLagSeconds: lag,
    liveWorkers: live,
  };
}

/**
 * The worker's gauges, read from the database at each scrape. Each replica is
 * scraped on its own, so a gauge is this worker's (its id is a label of
 * paperboy_worker_info), except the lag and the live count, which every
 * worker sees alike.
 */
export function registerWorkerMetrics(metrics: Metrics, workerId: string, report: () => Promise<WorkerReport>): void {
  // One scrape reads the database once for the four gauges.
  let pending: Promise<WorkerReport> | null = null;
  const read = (): Promise<WorkerReport> => {
    pending ??= report().finally(() => {
      pending = null;
    });
    return pending;
  };
  metrics.gauge('paperboy_worker_info', 'This worker (label worker: its id on the claims it takes); always 1', ['worker'], async () => [
    { labels: { worker: workerId }, value: 1 },
  ]);
  metrics.gauge('paperboy_worker_claims', 'Claims this worker holds now: deliveries being sent, channel queues being delivered', ['kind'], async () => {
    const r = await read();
    return [
      { labels: { kind: 'delivery' }, value: r.claims.deliveries },
      { labels: { kind: 'channel' }, value: r.claims.channels },
    ];
  });
  metrics.gauge('paperboy_delivery_lag_seconds', 'How long the oldest due planned delivery has waited to be sent (0: none waits)', [], async () => [
    { labels: {}, value: (await read()).oldestPlannedLagSeconds },
  ]);
  metrics.gauge('paperboy_workers_live', 'Workers alive on the database, this one included', [], async () => [
    { labels: {}, value: (await read()).liveWorkers },
  ]);
}
