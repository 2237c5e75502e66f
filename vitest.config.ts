import { defineConfig } from 'vitest/config';

// CI reads the JSON report to print its closing "N passed, N failed" line.
const reporters = process.env.PAPERBOY_TEST_REPORT ? ['default', ['json', { outputFile: process.env.PAPERBOY_TEST_REPORT }]] : ['default'];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    reporters: reporters as never,
    pool: 'forks',
    // Says once when the PostgreSQL suite is skipped; fails the run when it is asked for and unreachable.
    globalSetup: ['test/support/postgres-setup.ts'],
  },
});
