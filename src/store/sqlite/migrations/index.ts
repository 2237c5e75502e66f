import { channelsAndRules } from './001-channels-rules.js';
import { papers } from './002-papers.js';
import { deliveriesAndThreads } from './003-deliveries-threads.js';
import { sourceState } from './004-source-state.js';
import type { Migration } from './migration.js';

export type { Migration } from './migration.js';

/*
 * In order. The next one (feedback events: reactions and thread replies keyed
 * by the platform's event identity, referencing channels(id) and a paper id)
 * is version 5 and needs nothing changed here beyond its own module.
 */
export const MIGRATIONS: readonly Migration[] = [channelsAndRules, papers, deliveriesAndThreads, sourceState];
