/**
 * One of the processes of the concurrent start in migrate-lock.test.ts.
 * Usage: node --import tsx migrate-child.ts <url> <schema>; prints the versions it applied as JSON.
 */
import { migrate } from '../../../src/store/postgres/migrate.js';
import { MIGRATIONS } from '../../../src/store/postgres/migrations/index.js';
import { createPool } from '../../../src/store/postgres/pool.js';

const [url, schema] = process.argv.slice(2) as [string, string];
const pool = createPool(url, { schema });
const applied = await migrate(pool, MIGRATIONS, { schema });
await pool.end();
process.stdout.write(`${JSON.stringify(applied)}\n`);
