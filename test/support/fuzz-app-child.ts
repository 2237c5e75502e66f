/**
 * The real app as its own process, for the fuzz test: configuration from the
 * environment (as `paperboy run` reads it), JSON logs on stderr, the HTTP
 * port on stdout. Over IPC it answers "heap" with the heap size after a full
 * garbage collection (run it with --expose-gc).
 * Usage: node --expose-gc --import tsx fuzz-app-child.ts
 */
import { PassThrough } from 'node:stream';
import { createCore } from '../../app/core.js';
import { runApp } from '../../app/run.js';
import { loadConfig, secretsOf } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { FakeSource } from './fake-source.js';
import { makePaper } from './papers.js';

const config = loadConfig(process.env);
const logger = createLogger(config.LOG_LEVEL, process.stderr, { secrets: secretsOf(config) });
const day = new Date().toISOString().slice(0, 10);
const source = new FakeSource('hf').set(
  day,
  Array.from({ length: 40 }, (_, i) =>
    makePaper({ id: `2599.${String(i + 1).padStart(5, '0')}`, title: `Pruning and graphs, part ${i}`, hfDate: day, sources: ['hf'], codeUrl: '!channel' }),
  ),
);
const app = await runApp(await createCore({ config, logger, sources: [source] }), { stdin: new PassThrough(), stdout: new PassThrough(), schedule: false });
process.stdout.write(`${JSON.stringify({ port: app.httpPort })}\n`);
process.on('message', (m) => {
  if (m !== 'heap') return;
  (globalThis as { gc?: () => void }).gc?.();
  process.send?.({ heap: process.memoryUsage().heapUsed });
});
process.on('SIGTERM', () => {
  void app.stop().then(() => process.exit(0));
});
