import type { Logger } from '../../log.js';
import type { Stores } from '../types.js';
import { createChannelStore } from './channel-store.js';
import { createDeliveryStore } from './delivery-store.js';
import { createFeedbackStore } from './feedback-store.js';
import { createInstallationStore } from './installation-store.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { openDatabase } from './open.js';
import { createPaperStore } from './paper-store.js';
import { createRuleStore } from './rule-store.js';
import { createSavedStore } from './saved-store.js';
import { createSettingsStore } from './settings-store.js';
import { createSourceStateStore } from './source-state-store.js';
import { createThreadStore } from './thread-store.js';

export { StoreCorruptError, StoreSchemaError } from '../errors.js';

/**
 * Open (creating when absent) the SQLite database at `path`, a file path or
 * ':memory:', bring its schema up to date and return every store on it.
 */
export function openSqliteStores(path: string, opts: { logger?: Logger } = {}): Stores {
  const db = openDatabase(path);
  try {
    migrate(db, MIGRATIONS, opts.logger ? { logger: opts.logger } : {});
  } catch (err) {
    db.close();
    throw err;
  }
  const ping = db.prepare('SELECT 1').pluck();
  return {
    channels: createChannelStore(db),
    rules: createRuleStore(db),
    papers: createPaperStore(db),
    deliveries: createDeliveryStore(db),
    threads: createThreadStore(db),
    sources: createSourceStateStore(db),
    feedback: createFeedbackStore(db),
    settings: createSettingsStore(db),
    saved: createSavedStore(db),
    installations: createInstallationStore(db),
    async ping() {
      return ping.get() === 1;
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
