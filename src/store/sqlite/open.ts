import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

function isMemory(path: string): boolean {
  return path === ':memory:' || path === '';
}

/**
 * Open a connection set up for two processes sharing one file (`paperboy run`
 * and a one-shot `paperboy digest`): WAL lets readers and one writer proceed
 * together, and the busy timeout makes a writer wait for the other's
 * transaction instead of failing. The timeout is set first so that switching
 * to WAL itself waits rather than fails.
 */
export function openDatabase(path: string): Database.Database {
  if (!isMemory(path)) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
