import type { Logger } from 'pino';
import type { DatabaseChoice } from '../src/config.js';
import { openSqliteStores } from '../src/store/sqlite/index.js';
import type { Stores } from '../src/store/types.js';
import type { Coordination } from '../src/workers/coordination.js';
import { localCoordination } from '../src/workers/local.js';

/**
 * Open the database the configuration chose, migrated and ready. The
 * PostgreSQL driver loads only when DATABASE_URL asks for it.
 */
export async function openStores(database: DatabaseChoice, logger: Logger): Promise<Stores> {
  if (database.engine === 'sqlite') return openSqliteStores(database.path, { logger });
  const { openPostgresStores, redactDatabaseUrl } = await import('../src/store/postgres/index.js');
  const stores = await openPostgresStores(database.url, { logger });
  logger.info({ engine: 'postgres', database: redactDatabaseUrl(database.url) }, 'database open');
  return stores;
}

/** How this process agrees with the others on the same database: advisory locks on PostgreSQL, this process alone on SQLite. */
export async function openCoordination(database: DatabaseChoice, logger: Logger): Promise<Coordination> {
  if (database.engine === 'sqlite') return localCoordination();
  const { openPostgresCoordination } = await import('../src/store/postgres/index.js');
  const coordination = await openPostgresCoordination(database.url, { logger });
  logger.info({ worker: coordination.workerId }, 'worker registered');
  return coordination;
}
