import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import pg from 'pg';
import type { Logger } from '../../log.js';
import { KeyedMutex } from '../../util/keyed-mutex.js';
import type { Coordination, LeadHooks, Leadership, Ran } from '../../workers/coordination.js';
import { COUNT_SCHEMA_WORKERS, LIVE_WORKER_KEYS, namedLock, schemaWorkersLock, WORKER_NAMESPACE } from './locks.js';
import { checkSchemaName, createPool, rows } from './pool.js';
import { redactDatabaseUrl } from './url.js';

export interface PostgresCoordinationOptions {
  logger?: Logger;
  /** Work in this schema instead of the connection's search_path (tests). */
  schema?: string;
  /** Defaults to "host:pid:random". */
  workerId?: string;
  /** How often a worker waiting to lead a name tries again (default 5 s). */
  leadEveryMs?: number;
  /** First wait before the worker's session is reconnected after it was lost (doubles up to 30 s). */
  reconnectMs?: number;
}

/** A peer whose host vanished (no FIN) is noticed within about a minute rather than the kernel's two hours. */
const KEEPALIVES = 'SET tcp_keepalives_idle = 30; SET tcp_keepalives_interval = 10; SET tcp_keepalives_count = 3';
const MAX_RECONNECT_MS = 30_000;

/**
 * Coordination through PostgreSQL advisory locks. Each worker keeps one
 * session of its own, holding its worker lock (WORKER_NAMESPACE, hashtext of
 * its id) for as long as it runs, and the names it leads. PostgreSQL frees a
 * session's locks when the session ends, so a worker killed with kill -9, or
 * cut off, is seen gone by every other worker the moment its connection
 * closes: its claims pass to them without waiting for their lease. The
 * lease stays as the fallback for a worker that is stuck but connected.
 * Names held for the length of a task (the minute tick, a source's fetch) are
 * taken on a pooled connection for that task only.
 */
export async function openPostgresCoordination(url: string, opts: PostgresCoordinationOptions = {}): Promise<Coordination> {
  const logger = opts.logger;
  const workerId = opts.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const pool = createPool(url, { ...(logger ? { logger } : {}), ...(opts.schema ? { schema: opts.schema } : {}), maxConnections: 6 });
  let schema: string;
  try {
    const [row] = await rows<{ name: string | null }>(pool, 'SELECT current_schema() AS name');
    schema = row?.name ?? 'public';
  } catch (err) {
    await pool.end();
    throw err;
  }
  const session = new WorkerSession(url, workerId, schema, opts, logger);
  try {
    await session.open();
  } catch (err) {
    await pool.end();
    throw err;
  }
  const mutex = new KeyedMutex();
  const leaderships = new Set<Leadership>();
  let closed = false;

  /** `task` while this process holds `name` on a connection of the pool; `wait` chooses pg_advisory_lock over pg_try_advisory_lock. */
  async function holding<T>(name: string, wait: boolean, task: () => Promise<T>): Promise<Ran<T>> {
    const [ns, key] = namedLock(schema, name);
    const client = await pool.connect();
    let unlockFailed: Error | undefined;
    try {
      if (wait) await client.query('SELECT pg_advisory_lock($1, $2)', [ns, key]);
      else {
        const [got] = (await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [ns, key])).rows;
        if (!got?.ok) return { ran: false };
      }
      try {
        return { ran: true, value: await task() };
      } finally {
        await client.query('SELECT pg_advisory_unlock($1, $2)', [ns, key]).catch((err: unknown) => {
          unlockFailed = err instanceof Error ? err : new Error(String(err));
        });
      }
    } finally {
      // A session whose unlock failed is closed, not pooled: its lock goes with it.
      client.release(unlockFailed);
    }
  }

  return {
    workerId,
    shared: true,
    async isGone(owner) {
      const [row] = await rows<{ gone: boolean }>(
        pool,
        `SELECT NOT EXISTS (SELECT 1 FROM (${LIVE_WORKER_KEYS}) live WHERE live.objid = hashtext($1)::oid) AS gone`,
        [owner],
      );
      return row?.gone ?? false;
    },
    async liveWorkers() {
      const [row] = await rows<{ n: number }>(pool, COUNT_SCHEMA_WORKERS, schemaWorkersLock(schema));
      return row?.n ?? 0;
    },
    ifFree: (name, task) => holding(name, false, task),
    // One connection per name in this process waits for the lock; the other callers wait here.
    exclusive: (name, task) =>
      mutex.run(name, async () => {
        const r = await holding(name, true, task);
        if (!r.ran) throw new Error(`lock ${name} was not taken`);
        return r.value;
      }),
    async lead(name, hooks) {
      const leadership = await session.lead(namedLock(schema, name), name, hooks, opts.leadEveryMs ?? 5000);
      leaderships.add(leadership);
      return leadership;
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.allSettled([...leaderships].map((l) => l.stop()));
      await session.close();
      await pool.end();
    },
  };
}

/** The worker's own connection: its worker lock and the names it leads live and die with it. */
class WorkerSession {
  private client: pg.Client | null = null;
  private closed = false;
  private reconnectMs: number;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private readonly onDown = new Set<() => void>();

  constructor(
    private readonly url: string,
    private readonly workerId: string,
    private readonly schema: string,
    private readonly opts: PostgresCoordinationOptions,
    private readonly logger: Logger | undefined,
  ) {
    this.reconnectMs = opts.reconnectMs ?? 1000;
  }

  get up(): boolean {
    return this.client !== null;
  }

  async open(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.url,
      application_name: 'paperboy worker',
      connectionTimeoutMillis: 10_000,
      keepAlive: true,
      ...(this.opts.schema ? { options: `-c search_path=${checkSchemaName(this.opts.schema)}` } : {}),
    });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, null));
    await client.connect();
    try {
      await client.query(KEEPALIVES);
      const [got] = (await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [WORKER_NAMESPACE, this.workerId])).rows;
      // Only a live session with this very id holds it: a restarted worker must not act as two.
      if (!got?.ok) throw new Error(`worker id ${this.workerId} is in use by another live session`);
      // Shared with the schema's other workers: liveWorkers counts the holders.
      await client.query('SELECT pg_advisory_lock_shared($1, $2)', schemaWorkersLock(this.schema));
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    this.client = client;
    this.reconnectMs = this.opts.reconnectMs ?? 1000;
  }

  /** Run `sql` on the session; null when it is down. */
  async query<R extends pg.QueryResultRow>(sql: string, values: unknown[]): Promise<R[] | null> {
    const client = this.client;
    if (!client) return null;
    try {
      return (await client.query<R>(sql, values)).rows;
    } catch (err) {
      if (this.client !== client) return null;
      throw err;
    }
  }

  async lead(lock: [number, number], name: string, hooks: LeadHooks, everyMs: number): Promise<Leadership> {
    let leading = false;
    let stopped = false;
    let trying: Promise<void> | null = null;
    const log = this.logger?.child({ lock: name });
    const drop = async (): Promise<void> => {
      if (!leading) return;
      leading = false;
      await hooks.lost();
    };
    const attempt = async (): Promise<void> => {
      if (stopped || leading) return;
      const got = await this.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', lock);
      if (!got?.[0]?.ok) return;
      leading = true;
      try {
        await hooks.gained();
        log?.info('leading');
      } catch (err) {
        leading = false;
        await this.query('SELECT pg_advisory_unlock($1, $2)', lock).catch(() => undefined);
        throw err;
      }
    };
    const onDown = () => {
      if (leading) log?.warn('lost the lead with the database session');
      void drop().catch((err: unknown) => log?.error({ err }, 'stepping down failed'));
    };
    this.onDown.add(onDown);
    await attempt();
    const timer = setInterval(() => {
      if (trying) return;
      trying = attempt()
        .catch((err: unknown) => log?.error({ err }, 'could not take the lead'))
        .finally(() => {
          trying = null;
        });
    }, everyMs);
    timer.unref();
    return {
      get leading() {
        return leading;
      },
      stop: async () => {
        stopped = true;
        clearInterval(timer);
        this.onDown.delete(onDown);
        await trying;
        if (leading) await this.query('SELECT pg_advisory_unlock($1, $2)', lock).catch(() => undefined);
        await drop();
      },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private lost(client: pg.Client, err: Error | null): void {
    if (this.client !== client) return;
    this.client = null;
    if (this.closed) return;
    this.logger?.error(
      { err: err ? { message: err.message } : undefined, database: redactDatabaseUrl(this.url) },
      'lost the worker session: other workers may take over its claims; reconnecting',
    );
    for (const f of this.onDown) f();
    void client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    const wait = this.reconnectMs;
    this.reconnectMs = Math.min(MAX_RECONNECT_MS, this.reconnectMs * 2);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.closed) return;
      this.open().then(
        () => this.logger?.info('worker session restored'),
        (err: unknown) => {
          this.logger?.warn({ err: err instanceof Error ? { message: err.message } : err }, 'could not restore the worker session yet');
          this.scheduleReconnect();
        },
      );
    }, wait);
    this.reconnectTimer.unref();
  }
}
