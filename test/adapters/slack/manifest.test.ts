import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const manifest = readFileSync(new URL('../../../slack-manifest.yaml', import.meta.url), 'utf8');

/** The items of the YAML list under `key:` (one "- item" per line, comments skipped). */
function listUnder(key: string): string[] {
  const lines = manifest.split('\n');
  const start = lines.findIndex((l) => l.trim() === `${key}:`);
  expect(start).toBeGreaterThanOrEqual(0);
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const t = line.trim();
    if (t.startsWith('#') || t === '') continue;
    const m = /^- (\S+)$/.exec(t);
    if (!m?.[1]) break;
    items.push(m[1]);
  }
  return items;
}

describe('slack-manifest.yaml', () => {
  it('asks for exactly the bot scopes the adapter uses', () => {
    // chat.postMessage, /papers, app_mention, conversations.join, conversations.history (crash recovery only).
    expect(listUnder('bot').sort()).toEqual(['app_mentions:read', 'channels:history', 'channels:join', 'chat:write', 'commands']);
  });

  it('subscribes to the events the adapter listens to', () => {
    expect(listUnder('bot_events')).toEqual(['app_mention']);
  });

  it('declares /papers with a usage hint, and the events URL the HTTP receiver serves', () => {
    expect(manifest).toMatch(/- command: \/papers\n\s+url: https:\/\/\S+\/slack\/events/);
    expect(manifest).toMatch(/usage_hint: ".+"/);
    expect(manifest).toMatch(/socket_mode_enabled: (true|false)/);
  });
});
