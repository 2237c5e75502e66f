import type { Metrics } from '../metrics.js';
import type { Stores } from '../store/types.js';
import type { WorkerReport } from '../workers/report.js';
import type { HttpRoutes } from './routes.js';

/**
 * `GET /healthz` (database reachable, last successful fetch per source, tokens
 * a platform refused, this worker: its id, the claims it holds, the lag of the
 * oldest planned delivery) and `GET /metrics` (Prometheus).
 */
export function addOpsRoutes(routes: HttpRoutes, deps: { stores: Stores; metrics: Metrics; worker?: () => Promise<WorkerReport> }): void {
  routes.add('GET', '/healthz', async (_req, res) => {
    let database = false;
    try {
      database = await deps.stores.ping();
    } catch {
      database = false;
    }
    const sources = database ? await deps.stores.sources.all() : [];
    // A refused token pauses every channel it serves; the process itself is fine, so the status stays 200.
    const tokens = database ? await deps.stores.channels.tokenFailures() : [];
    const worker = database && deps.worker ? await deps.worker().catch(() => null) : null;
    const body = {
      status: database ? 'ok' : 'error',
      database,
      sources: sources.map((s) => ({
        source: s.source,
        lastSuccessDay: s.lastSuccessDay,
        lastSuccessAt: s.lastSuccessAt,
        lastError: s.lastError,
        lastErrorAt: s.lastErrorAt,
      })),
      ...(database
        ? {
            tokenFailures: tokens.map((t) => ({
              platform: t.platform,
              workspaceId: t.workspaceId,
              reason: t.reason,
              at: t.at,
              action: 'fix the token, restart Paperboy, then run /papers resume in each paused channel',
            })),
          }
        : {}),
      ...(worker
        ? {
            worker: { id: worker.id, claims: worker.claims, oldestPlannedLagSeconds: Math.round(worker.oldestPlannedLagSeconds * 10) / 10 },
            workers: worker.liveWorkers,
          }
        : {}),
    };
    res.writeHead(database ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  routes.add('GET', '/metrics', async (_req, res) => {
    const text = await deps.metrics.render();
    res.writeHead(200, { 'content-type': deps.metrics.contentType }).end(text);
  });
}
