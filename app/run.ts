import { createConsolePort, CONSOLE_CHANNEL } from '../adapters/console/port.js';
import { startConsoleSession } from '../adapters/console/repl.js';
import type { CoreServices, RunningAdapter } from '../src/chat/adapter.js';
import { startDeliveryPump, type DeliveryPump } from '../src/digest/pump.js';
import { addOpsRoutes } from '../src/http/ops-routes.js';
import { createHttpServer, type HttpServer } from '../src/http/server.js';
import { startScheduler, type Scheduler } from '../src/schedule/scheduler.js';
import { registerWorkerMetrics, workerReport } from '../src/workers/report.js';
import type { Core } from './core.js';
import { slackCredentials } from './slack-credentials.js';

export interface RunOptions {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  /** Start the minute scheduler (off for piped console sessions, which answer and exit). */
  schedule?: boolean;
  /** How often a worker sharing its database takes due deliveries it has room for (default 1 s). */
  pumpEveryMs?: number;
}

export interface RunningApp {
  /** Resolves when the app should exit (console input ended); never for chat adapters. */
  finished: Promise<void>;
  httpPort: number | null;
  stop(): Promise<void>;
}

/**
 * `paperboy run`: the HTTP server when PORT is set, Slack and/or Discord when
 * their credentials are set, otherwise the console channel; then the scheduler.
 */
export async function runApp(core: Core, opts: RunOptions): Promise<RunningApp> {
  const { config, logger } = core;
  let http: HttpServer | null = null;
  let httpPort: number | null = null;
  const report = () => workerReport(core);
  registerWorkerMetrics(core.metrics, core.coordination.workerId, report);
  if (config.PORT !== undefined) {
    http = createHttpServer(logger);
    addOpsRoutes(http, { stores: core.stores, metrics: core.metrics, worker: report });
  }
  const services: CoreServices = {
    commands: core.commands,
    stores: core.stores,
    digest: () => core.digest,
    clock: core.clock,
    logger,
    http,
    feedback: core.feedback,
    metrics: core.metrics,
    interactions: core.interactions,
    knownBot: (userId) => core.botUserIds.add(userId),
    coordination: core.coordination,
  };
  const adapters: RunningAdapter[] = [];
  // Chat SDKs load only when configured: the console needs neither, and they are slow to import.
  if (config.slack) {
    const { startSlack } = await import('../adapters/slack/index.js');
    adapters.push(
      await startSlack(
        {
          ...slackCredentials(config),
          ...(config.SLACK_APP_TOKEN ? { appToken: config.SLACK_APP_TOKEN } : {}),
          ...(config.SLACK_SIGNING_SECRET ? { signingSecret: config.SLACK_SIGNING_SECRET } : {}),
          ...(config.SLACK_API_URL ? { apiUrl: config.SLACK_API_URL } : {}),
          managers: config.SLACK_MANAGERS,
        },
        services,
      ),
    );
  }
  if (config.discord) {
    const { startDiscord, globalShare } = await import('../adapters/discord/index.js');
    adapters.push(
      await startDiscord(
        {
          token: config.DISCORD_TOKEN ?? '',
          applicationId: config.DISCORD_APPLICATION_ID ?? '',
          ...(config.DISCORD_PUBLIC_KEY ? { publicKey: config.DISCORD_PUBLIC_KEY } : {}),
          ...(config.DISCORD_GUILD_ID ? { guildId: config.DISCORD_GUILD_ID } : {}),
          ...(config.DISCORD_API_URL ? { apiUrl: config.DISCORD_API_URL } : {}),
          managePermission: config.DISCORD_MANAGE_PERMISSION,
          globalRequestsPerSecond: globalShare(config.PAPERBOY_WORKERS),
        },
        services,
      ),
    );
  }
  for (const a of adapters) {
    core.ports.set(a.port.platform, a.port);
    for (const id of a.botUserIds ?? []) core.botUserIds.add(id);
  }
  if (http) {
    httpPort = await http.listen(config.PORT ?? 3000);
    logger.info({ port: httpPort }, 'http server listening');
  }

  const useConsole = adapters.length === 0;
  const interactive = Boolean(opts.stdin.isTTY);
  let finished: Promise<void> = new Promise<void>(() => undefined);
  let closeConsole = (): void => undefined;
  if (useConsole) {
    core.ports.set('console', createConsolePort(opts.stdout));
    await core.stores.channels.ensure(CONSOLE_CHANNEL, core.clock.now().toISOString());
  }

  await core.digest
    .deliverPending(core.coordination.shared ? { viaPump: true } : {})
    .catch((err: unknown) => logger.error({ err }, 'start-up delivery of pending posts failed'));
  const firstFetch = core.digest.refresh().catch((err: unknown) => logger.error({ err }, 'first fetch failed'));
  // Read the recent papers into memory (a page at a time, in the background) before anyone asks for a preview.
  const warm = firstFetch.then(() => core.recent.sync(true)).catch((err: unknown) => logger.warn({ err }, 'could not read the recent papers'));
  let scheduler: Scheduler | null = null;
  const wantSchedule = opts.schedule ?? (!useConsole || interactive);
  if (wantSchedule) {
    scheduler = startScheduler({
      stores: core.stores,
      digest: core.digest,
      clock: core.clock,
      logger,
      defaults: { time: config.PAPERS_DIGEST_TIME, timezone: config.TZ },
      // After each minute's fetches, what is new joins the recent window (similar papers, previews, learnt compounds).
      fetch: {
        runDue: async () => {
          const fetched = await core.digest.fetch.runDue();
          await core.recent.sync().catch((err: unknown) => logger.warn({ err }, 'could not read the recent papers'));
          return fetched;
        },
      },
      recaps: core.recaps,
      coordination: core.coordination,
    });
    void firstFetch.then(() => scheduler?.tick());
  }
  // Workers sharing a database each take due deliveries as they have room: the work spreads, and a dead worker's passes on.
  const pump: DeliveryPump | null = core.coordination.shared ? startDeliveryPump({ digest: core.digest, everyMs: opts.pumpEveryMs ?? 1000, logger }) : null;
  if (core.coordination.shared && config.discord) await warnIfMoreWorkers(core);
  if (useConsole) {
    // Piped commands expect today's papers to be there; a person at a prompt should not wait for them.
    if (!interactive) await firstFetch;
    const session = startConsoleSession({ input: opts.stdin, output: opts.stdout, interactive, core: services });
    finished = session.done;
    closeConsole = () => session.close();
  }
  logger.info(
    { adapters: adapters.map((a) => a.port.platform).concat(useConsole ? ['console'] : []), scheduler: Boolean(scheduler), worker: core.coordination.workerId },
    'paperboy running',
  );

  return {
    finished,
    httpPort,
    async stop() {
      scheduler?.stop();
      pump?.stop();
      closeConsole();
      await Promise.allSettled(adapters.map((a) => a.stop()));
      await http?.close();
      await firstFetch;
      await warm;
      await core.close();
    },
  };
}

/** Discord's global limit is split by PAPERBOY_WORKERS: more workers alive than that could exceed it together. */
async function warnIfMoreWorkers(core: Core): Promise<void> {
  const live = await core.coordination.liveWorkers().catch(() => 0);
  if (live > core.config.PAPERBOY_WORKERS) {
    core.logger.warn(
      { live, PAPERBOY_WORKERS: core.config.PAPERBOY_WORKERS },
      `${live} workers are alive on this database but PAPERBOY_WORKERS is ${core.config.PAPERBOY_WORKERS}: together they may exceed Discord's 50 requests/s; set PAPERBOY_WORKERS to the number of workers`,
    );
  }
}
