/**
 * The other process of the two-process race in concurrency.test.ts.
 * Usage: node --import tsx race-child.ts <sqlite|postgres> <database> <channel id> <owner> <go file>
 * Prints "ready", waits for the go file, races, and prints its result as JSON.
 */
import { existsSync } from 'node:fs';
import { type EngineName, openAt } from './engines.js';
import { race } from './race-loop.js';

const [engine, db, channelText, owner, goFile] = process.argv.slice(2) as [EngineName, string, string, string, string];
const stores = await openAt(engine, db);
process.stdout.write('ready\n');
while (!existsSync(goFile)) await new Promise((r) => setTimeout(r, 2));
const result = await race(stores, Number(channelText), owner, false);
await stores.close();
process.stdout.write(`${JSON.stringify(result)}\n`);
