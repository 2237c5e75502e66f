import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * ARCHITECTURE.md is true: every path it names exists, and the rules it states
 * that no lint rule holds are checked here.
 */
const map = readFileSync('ARCHITECTURE.md', 'utf8');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Backticked words that look like repository paths: a known top folder, or a dotted file at the root. */
function namedPaths(text: string): string[] {
  const quoted = [...text.matchAll(/`([^`\s*]+)`/g)].map((m) => m[1] ?? '');
  return [
    ...new Set(quoted.filter((q) => /^(src|adapters|app|test|bench|docs|scripts|examples|data)\//.test(q) || /^\.?[\w-]+\.(md|jsonc?|ya?ml|example)$/.test(q))),
  ];
}

const ADAPTERS = ['slack', 'discord', 'console'];
/** An import of another adapter or of app/ from inside adapters/<name>/. */
function foreignImports(adapter: string, source: string): string[] {
  const specs = [...source.matchAll(/from\s+['"]([^'"]+)['"]/g)].map((m) => m[1] ?? '');
  return specs.filter((s) => /^\.\.\/\.\.\/app\//.test(s) || ADAPTERS.some((other) => other !== adapter && s.startsWith(`../${other}/`)));
}

describe('ARCHITECTURE.md', () => {
  it('names only paths that exist', () => {
    const paths = namedPaths(map);
    expect(paths.length).toBeGreaterThan(40);
    expect(paths.filter((p) => !existsSync(p))).toEqual([]);
  });

  it('the path check sees a missing path', () => {
    expect(namedPaths('see `src/nowhere/` and `test/gone.test.ts`, not `npm test`')).toEqual(['src/nowhere/', 'test/gone.test.ts']);
    expect(existsSync('src/nowhere/')).toBe(false);
  });

  it('has a code map entry for every folder of src/ and adapters/', () => {
    const folders = [
      ...readdirSync('src')
        .filter((f) => statSync(join('src', f)).isDirectory())
        .map((f) => `src/${f}/`),
      ...readdirSync('adapters').map((f) => `adapters/${f}/`),
    ];
    expect(folders.filter((f) => !map.includes(`\`${f}\``))).toEqual([]);
  });

  it('each adapter imports src/ and its own SDK, never another adapter or app/', () => {
    const offenders = ADAPTERS.flatMap((a) => tsFiles(join('adapters', a)).flatMap((f) => foreignImports(a, readFileSync(f, 'utf8')).map((s) => `${f}: ${s}`)));
    expect(offenders).toEqual([]);
    expect(foreignImports('slack', `import { x } from '../discord/port.js';`)).toHaveLength(1);
    expect(foreignImports('slack', `import { x } from '../../app/core.js';`)).toHaveLength(1);
    expect(foreignImports('slack', `import { x } from '../../src/chat/port.js';`)).toEqual([]);
  });

  it('the outbox decides what is sent: ChatPort.send has one call site, in src/digest/deliver.ts', () => {
    const callers = [...tsFiles('src'), ...tsFiles('app')].filter((f) => /\bport\??\.send\(/.test(readFileSync(f, 'utf8')));
    expect(callers).toEqual([join('src', 'digest', 'deliver.ts')]);
  });

  it('the two engines have the same numbered migrations', () => {
    const names = (dir: string) => readdirSync(dir).filter((f) => /^\d{3}-/.test(f));
    const sqlite = names('src/store/sqlite/migrations');
    expect(sqlite.length).toBeGreaterThan(9);
    expect(names('src/store/postgres/migrations')).toEqual(sqlite);
  });
});
