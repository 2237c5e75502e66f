/**
 * A worker that registers on the database, prints its id, leads "gateway" when
 * it can (printing "leading"), and runs until it is killed: the coordination
 * test kills it with SIGKILL to see its locks go with its session.
 * Usage: node --import tsx worker-child.ts <url> <schema>
 */
import { openPostgresCoordination } from '../../../src/store/postgres/coordination.js';

const [url, schema] = process.argv.slice(2) as [string, string];
const coordination = await openPostgresCoordination(url, { schema, leadEveryMs: 50 });
process.stdout.write(`id ${coordination.workerId}\n`);
await coordination.lead('gateway', {
  gained: async () => void process.stdout.write('leading\n'),
  lost: async () => void process.stdout.write('lost\n'),
});
setInterval(() => undefined, 60_000);
