import type Database from 'better-sqlite3';
import { leaseCutoff } from '../rows/delivery.js';
import { type InstallationRow, keyParams, toInstallation } from '../rows/installation.js';
import type { BotTokens, Installation, InstallationStore, InstallKey } from '../types.js';
import { KEEP_ASIDE } from './pause-sql.js';

export function createInstallationStore(db: Database.Database): InstallationStore {
  const byKey = db.prepare<[string, string, string], InstallationRow>('SELECT * FROM installations WHERE platform = ? AND scope = ? AND scope_id = ?');
  const upsert = db.prepare(
    `INSERT INTO installations (platform, scope, scope_id, team_id, enterprise_id, bot_token, bot_id, bot_user_id, refresh_token, expires_at,
                                details, installed_at, updated_at)
     VALUES (@platform, @scope, @scopeId, @teamId, @enterpriseId, @botToken, @botId, @botUserId, @refreshToken, @expiresAt, @details, @now, @now)
     ON CONFLICT (platform, scope, scope_id) DO UPDATE SET
       team_id = excluded.team_id, enterprise_id = excluded.enterprise_id, bot_token = excluded.bot_token, bot_id = excluded.bot_id,
       bot_user_id = excluded.bot_user_id, refresh_token = excluded.refresh_token, expires_at = excluded.expires_at, details = excluded.details,
       installed_at = excluded.installed_at, updated_at = excluded.updated_at, token_version = installations.token_version + 1,
       refreshing_by = NULL, refreshing_at = NULL`,
  );
  const linkedEnterprise = db.prepare<[string, string]>('SELECT enterprise_id FROM installation_teams WHERE platform = ? AND team_id = ?').pluck();
  const link = db.prepare(
    `INSERT INTO installation_teams (platform, team_id, enterprise_id, seen_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (platform, team_id) DO UPDATE SET enterprise_id = excluded.enterprise_id, seen_at = excluded.seen_at`,
  );
  const teamsOf = db.prepare<[string, string]>('SELECT team_id FROM installation_teams WHERE platform = ? AND enterprise_id = ? ORDER BY team_id').pluck();
  const drop = db.prepare('DELETE FROM installations WHERE platform = ? AND scope = ? AND scope_id = ?');
  const clearFailure = db.prepare('DELETE FROM token_failures WHERE platform = ? AND workspace_id = ?');
  const teamChannels = db.prepare<[string, string]>('SELECT id FROM channels WHERE platform = ? AND workspace_id = ? AND paused = 0').pluck();
  const pause = db.prepare('UPDATE channels SET paused = 1, paused_reason = ? WHERE id = ?');
  const keepAside = db.prepare(KEEP_ASIDE);
  const claim = db.prepare(
    `UPDATE installations SET refreshing_by = @owner, refreshing_at = @now
     WHERE platform = @platform AND scope = @scope AND scope_id = @id AND token_version = @version
       AND (refreshing_by IS NULL OR refreshing_at < @cutoff)`,
  );
  const refreshed = db.prepare(
    `UPDATE installations SET bot_token = @botToken, refresh_token = @refreshToken, expires_at = @expiresAt, updated_at = @now,
       token_version = token_version + 1, refreshing_by = NULL, refreshing_at = NULL
     WHERE platform = @platform AND scope = @scope AND scope_id = @id AND token_version = @version AND refreshing_by = @owner`,
  );
  const release = db.prepare(
    'UPDATE installations SET refreshing_by = NULL, refreshing_at = NULL WHERE platform = ? AND scope = ? AND scope_id = ? AND refreshing_by = ?',
  );
  const count = db.prepare<[string]>('SELECT count(*) FROM installations WHERE platform = ?').pluck();

  const get = (key: InstallKey): Installation | null => {
    const row = byKey.get(...keyParams(key));
    return row ? toInstallation(row) : null;
  };

  /** The teams an installation serves: its own, or every team seen in its organization. */
  const servedTeams = (key: InstallKey): string[] => (key.scope === 'team' ? [key.id] : (teamsOf.all(key.platform, key.id) as string[]));

  const save = db.transaction((input: Parameters<InstallationStore['save']>[0], now: string): Installation => {
    const { key } = input;
    upsert.run({
      platform: key.platform,
      scope: key.scope,
      scopeId: key.id,
      teamId: input.teamId,
      enterpriseId: input.enterpriseId,
      botToken: input.botToken,
      botId: input.botId,
      botUserId: input.botUserId,
      refreshToken: input.refreshToken,
      expiresAt: input.expiresAt,
      details: JSON.stringify(input.details),
      now,
    });
    // New tokens: whatever the old ones were refused for no longer holds.
    for (const team of servedTeams(key)) clearFailure.run(key.platform, team);
    const saved = get(key);
    if (!saved) throw new Error(`installation ${keyParams(key).join('/')} vanished right after it was saved`);
    return saved;
  });

  const remove = db.transaction((key: InstallKey, reason: string) => {
    const removed = drop.run(...keyParams(key)).changes === 1;
    const teams = servedTeams(key);
    let paused = 0;
    for (const team of teams) {
      clearFailure.run(key.platform, team);
      for (const id of teamChannels.all(key.platform, team) as number[]) {
        pause.run(reason, id);
        keepAside.run(id);
        paused += 1;
      }
    }
    return { removed, teams, paused };
  });

  return {
    async save(input, now) {
      return save.immediate(input, now);
    },
    async get(key) {
      return get(key);
    },
    async forTeam(platform, teamId, enterpriseId) {
      const own = get({ platform, scope: 'team', id: teamId });
      if (own) return own;
      const org = enterpriseId ?? (linkedEnterprise.get(platform, teamId) as string | undefined);
      return org ? get({ platform, scope: 'enterprise', id: org }) : null;
    },
    async linkTeam(platform, teamId, enterpriseId, now) {
      link.run(platform, teamId, enterpriseId, now);
    },
    async remove(key, reason) {
      return remove.immediate(key, reason);
    },
    async claimRefresh(key, version, owner, now, leaseMs) {
      return claim.run({ platform: key.platform, scope: key.scope, id: key.id, version, owner, now, cutoff: leaseCutoff(now, leaseMs) }).changes === 1;
    },
    async saveRefreshed(key, version, owner, tokens: BotTokens, now) {
      const changed = refreshed.run({ platform: key.platform, scope: key.scope, id: key.id, version, owner, now, ...tokens }).changes === 1;
      return changed ? get(key) : null;
    },
    async releaseRefresh(key, owner) {
      release.run(...keyParams(key), owner);
    },
    async count(platform) {
      return count.get(platform) as number;
    },
  };
}
