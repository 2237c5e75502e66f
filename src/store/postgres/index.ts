import { StoreSchemaError, StoreUnavailableError } from '../errors.js';
import type { Stores } from '../types.js';
import { createChannelStore } from './channel-store.js';
import { createDeliveryStore } from './delivery-store.js';
import { createFeedbackStore } from './feedback-store.js';
import { createInstallationStore } from './installation-store.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { createPaperStore } from './paper-store.js';
import { createPool, type PoolOptions } from './pool.js';
import { createRuleStore } from './rule-store.js';
import { createSavedStore } from './saved-store.js';
import { createSettingsStore } from './settings-store.js';
import { createSourceStateStore } from './source-state-store.js';
import { createThreadStore } from './thread-store.js';
import { redactDatabaseUrl, withoutPassword } from './url.js';

export { redactDatabaseUrl } from './url.js';

/**
 * Connect to the PostgreSQL database at `url` (postgres://…), bring its
 * schema up to date under the migration lock, and return every store on one
 * connection pool. Several processes may call this at once.
 */
export async function openPostgresStores(url: string, opts: PoolOptions = {}): Promise<Stores> {
  const pool = createPool(url, opts);
  try {
    await migrate(pool, MIGRATIONS, opts);
  } catch (err) {
    await pool.end();
    if (err instanceof StoreSchemaError) throw err;
    // Unreachable, refused, no such database or schema rights: name the database (password removed) and the reason.
    const reason = err instanceof Error ? err.message || ('code' in err ? String(err.code) : err.name) : String(err);
    throw new StoreUnavailableError(`cannot open the PostgreSQL database at ${redactDatabaseUrl(url)}: ${withoutPassword(reason, url)}`, { cause: err });
  }
  let closed = false;
  return {
    channels: createChannelStore(pool),
    rules: createRuleStore(pool),
    papers: createPaperStore(pool),
    deliveries: createDeliveryStore(pool),
    threads: createThreadStore(pool),
    sources: createSourceStateStore(pool),
    feedback: createFeedbackStore(pool),
    settings: createSettingsStore(pool),
    saved: createSavedStore(pool),
    installations: createInstallationStore(pool),
    async ping() {
      if (closed) throw new Error('The database connection is not open');
      const [row] = (await pool.query<{ one: number }>('SELECT 1 AS one')).rows;
      return row?.one === 1;
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
export { openPostgresCoordination } from './coordination.js';
