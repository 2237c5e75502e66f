export type { Migration } from '../../migration.js';
