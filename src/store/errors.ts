import { PaperboyError } from '../errors.js';

/** A channel already has as many rules as it may: thrown by RuleStore.add inside the insert's transaction. */
export class RuleLimitError extends Error {
  override name = 'RuleLimitError';
  constructor(readonly count: number) {
    super(`the channel already has ${count} rules`);
  }
}

/** A row whose stored JSON or enum no longer fits the schema: named by table and id so it can be found and fixed. */
export class StoreCorruptError extends PaperboyError {
  override readonly name = 'StoreCorruptError';
  constructor(
    readonly table: string,
    readonly rowId: string | number,
    detail: string,
    options: { cause?: unknown } = {},
  ) {
    super('store_corrupt', `corrupt row in ${table} (id ${rowId}): ${detail}`, options);
  }
}

/** The database was written by a newer Paperboy, or a migration failed. */
export class StoreSchemaError extends PaperboyError {
  override readonly name = 'StoreSchemaError';
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('store_schema', message, options);
  }
}

/** The database could not be opened (unreachable, refused, no such database): says where, never with a password, and why. */
export class StoreUnavailableError extends PaperboyError {
  override readonly name = 'StoreUnavailableError';
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('store_unavailable', message, options);
  }
}
