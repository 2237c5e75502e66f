import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const FORBIDDEN = /from\s+['"](@slack\/[^'"]*|discord\.js|@discordjs\/[^'"]*|(?:\.\.\/)+(?:adapters|app)\/[^'"]*)['"]/;

describe('architecture', () => {
  it('the core (src/) imports no chat SDK, adapter or app module', () => {
    const offenders = tsFiles('src').filter((f) => FORBIDDEN.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the check can see a forbidden import', () => {
    expect(FORBIDDEN.test(`import { App } from '@slack/bolt';`)).toBe(true);
    expect(FORBIDDEN.test(`import x from '../../adapters/slack/post.js';`)).toBe(true);
    expect(FORBIDDEN.test(`import x from './store/types.js';`)).toBe(false);
  });
});
