#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError } from '../src/errors.js';
import { StoreUnavailableError } from '../src/store/errors.js';
import { loadConfig, secretsOf } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { runCommand } from './commands/run.js';
import { digestCommand } from './commands/digest.js';
import { matchCommand } from './commands/match.js';
import { previewCommand } from './commands/preview.js';
import { discordCommand } from './commands/discord.js';
import { USAGE } from './usage.js';

/** Variables already in the environment win over the .env file. */
function loadDotEnv(): void {
  if (!existsSync('.env')) return;
  const before = { ...process.env };
  process.loadEnvFile('.env');
  Object.assign(process.env, before);
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      sample: { type: 'boolean', default: false },
      date: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      papers: { type: 'string' },
      rules: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command = 'help', ...rest] = positionals;
  if (values.help || command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (command === 'match') return matchCommand({ papers: values.papers, rules: values.rules, out: process.stdout });

  loadDotEnv();
  const config = loadConfig(process.env);
  const logger = createLogger(config.LOG_LEVEL, process.stderr, { secrets: secretsOf(config) });
  switch (command) {
    case 'run':
      return runCommand({ config, logger, sample: values.sample });
    case 'digest':
      return digestCommand({ config, logger, sample: values.sample, date: values.date, dryRun: values['dry-run'], out: process.stdout });
    case 'preview':
      return previewCommand({ config, logger, sample: values.sample, rule: rest.join(' '), out: process.stdout });
    case 'discord':
      return discordCommand({ config, sub: rest[0], out: process.stdout });
    default:
      process.stderr.write(`paperboy: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

// `paperboy digest | head` closes stdout early: that is the reader's choice, not a failure.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // Both say what to fix; a stack trace would only bury it.
    if (err instanceof ConfigError || err instanceof StoreUnavailableError) {
      process.stderr.write(`paperboy: ${err.message}\n`);
      process.exitCode = 1;
      return;
    }
    if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`paperboy: ${err.message}\n\n${USAGE}`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`paperboy: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
