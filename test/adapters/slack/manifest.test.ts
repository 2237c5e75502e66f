import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SLACK_REDIRECT_PATH } from '../../../adapters/slack/install.js';
import { BOT_SCOPES } from '../../../adapters/slack/scopes.js';

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
    // chat.postMessage (and postEphemeral), /papers, app_mention, conversations.join, conversations.history (crash
    // recovery), the feedback events (reactions:read for reaction_*, channels/groups:history for message.channels/groups),
    // and saved bibtex: files.uploadV2 (files:write) into the person's DM (conversations.open: im:write);
    // users:read for users.info (SLACK_MANAGERS).
    expect(listUnder('bot').sort()).toEqual([
      'app_mentions:read',
      'channels:history',
      'channels:join',
      'chat:write',
      'commands',
      'files:write',
      'groups:history',
      'im:write',
      'reactions:read',
      'users:read',
    ]);
  });

  it('asks an installing workspace for the same scopes (GET /slack/install)', () => {
    expect([...BOT_SCOPES].sort()).toEqual(listUnder('bot').sort());
  });

  it('names the OAuth redirect URL the installable app serves', () => {
    expect(listUnder('redirect_urls')).toEqual([`https://paperboy.example.com${SLACK_REDIRECT_PATH}`]);
    expect(SLACK_REDIRECT_PATH).toBe('/slack/oauth_redirect');
  });

  it('subscribes to the events the adapter listens to', () => {
    expect(listUnder('bot_events').sort()).toEqual([
      'app_home_opened',
      'app_mention',
      'app_uninstalled',
      'message.channels',
      'message.groups',
      'reaction_added',
      'reaction_removed',
      'tokens_revoked',
    ]);
  });

  it('asks for the scope each subscribed event requires', () => {
    // Slack refuses a manifest whose events lack their scope; these are the pairs from Slack's event reference.
    const needs: Record<string, string | null> = {
      app_mention: 'app_mentions:read',
      // Slack's event reference lists no scope for app_home_opened.
      app_home_opened: null,
      // Nor for these two, which every app may receive.
      app_uninstalled: null,
      tokens_revoked: null,
      reaction_added: 'reactions:read',
      reaction_removed: 'reactions:read',
      'message.channels': 'channels:history',
      'message.groups': 'groups:history',
    };
    const scopes = new Set(listUnder('bot'));
    for (const event of listUnder('bot_events')) {
      expect(needs[event], `no known scope for ${event}`).toBeDefined();
      const scope = needs[event];
      if (scope !== null && scope !== undefined) expect(scopes.has(scope), `${event} needs ${scope}`).toBe(true);
    }
  });

  it('declares /papers with a usage hint, and the events URL the HTTP receiver serves', () => {
    expect(manifest).toMatch(/- command: \/papers\n\s+url: https:\/\/\S+\/slack\/events/);
    expect(manifest).toMatch(/usage_hint: ".+"/);
    expect(manifest).toMatch(/socket_mode_enabled: (true|false)/);
  });

  it('turns on what buttons, the subscribe form and the Home tab need: interactivity at the events URL, and the Home tab', () => {
    expect(manifest).toMatch(/interactivity:\n\s+is_enabled: true\n\s+request_url: https:\/\/\S+\/slack\/events/);
    expect(manifest).toMatch(/app_home:\n\s+home_tab_enabled: true\n\s+messages_tab_enabled: true/);
  });
});
