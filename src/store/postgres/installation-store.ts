import type pg from 'pg';
import { leaseCutoff } from '../rows/delivery.js';
import { type InstallationRow, keyParams, toInstallation } from '../rows/installation.js';
import type { Installation, InstallationStore, InstallKey } from '../types.js';
import { keepAside } from './channel-store.js';
import { type Pool, type Queryable, rows, transaction } from './pool.js';

const KEY = 'platform = $1 AND scope = $2 AND scope_id = $3';

async function get(db: Queryable, key: InstallKey): Promise<Installation | null> {
  const [row] = await rows<InstallationRow>(db, `SELECT * FROM installations WHERE ${KEY}`, keyParams(key));
  return row ? toInstallation(row) : null;
}

/** The teams an installation serves: its own, or every team seen in its organization. */
async function servedTeams(db: Queryable, key: InstallKey): Promise<string[]> {
  if (key.scope === 'team') return [key.id];
  const found = await rows<{ team_id: string }>(db, 'SELECT team_id FROM installation_teams WHERE platform = $1 AND enterprise_id = $2 ORDER BY team_id', [
    key.platform,
    key.id,
  ]);
  return found.map((r) => r.team_id);
}

const clearFailures = (tx: pg.PoolClient, platform: string, teams: string[]) =>
  tx.query('DELETE FROM token_failures WHERE platform = $1 AND workspace_id = ANY($2::text[])', [platform, teams]);

export function createInstallationStore(pool: Pool): InstallationStore {
  return {
    async save(input, now) {
      const { key } = input;
      return transaction(pool, async (tx) => {
        const [row] = await rows<InstallationRow>(
          tx,
          `INSERT INTO installations (platform, scope, scope_id, team_id, enterprise_id, bot_token, bot_id, bot_user_id, refresh_token, expires_at,
                                      details, installed_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)
           ON CONFLICT (platform, scope, scope_id) DO UPDATE SET
             team_id = excluded.team_id, enterprise_id = excluded.enterprise_id, bot_token = excluded.bot_token, bot_id = excluded.bot_id,
             bot_user_id = excluded.bot_user_id, refresh_token = excluded.refresh_token, expires_at = excluded.expires_at, details = excluded.details,
             installed_at = excluded.installed_at, updated_at = excluded.updated_at, token_version = installations.token_version + 1,
             refreshing_by = NULL, refreshing_at = NULL
           RETURNING *`,
          [
            ...keyParams(key),
            input.teamId,
            input.enterpriseId,
            input.botToken,
            input.botId,
            input.botUserId,
            input.refreshToken,
            input.expiresAt,
            JSON.stringify(input.details),
            now,
          ],
        );
        if (!row) throw new Error(`installation ${keyParams(key).join('/')} was not written`);
        // New tokens: whatever the old ones were refused for no longer holds.
        await clearFailures(tx, key.platform, await servedTeams(tx, key));
        return toInstallation(row);
      });
    },
    get: (key) => get(pool, key),
    async forTeam(platform, teamId, enterpriseId) {
      const own = await get(pool, { platform, scope: 'team', id: teamId });
      if (own) return own;
      let org = enterpriseId;
      if (!org) {
        const [linked] = await rows<{ enterprise_id: string }>(pool, 'SELECT enterprise_id FROM installation_teams WHERE platform = $1 AND team_id = $2', [
          platform,
          teamId,
        ]);
        org = linked?.enterprise_id ?? null;
      }
      return org ? get(pool, { platform, scope: 'enterprise', id: org }) : null;
    },
    async linkTeam(platform, teamId, enterpriseId, now) {
      await pool.query(
        `INSERT INTO installation_teams (platform, team_id, enterprise_id, seen_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (platform, team_id) DO UPDATE SET enterprise_id = excluded.enterprise_id, seen_at = excluded.seen_at`,
        [platform, teamId, enterpriseId, now],
      );
    },
    async remove(key, reason) {
      return transaction(pool, async (tx) => {
        const removed = ((await tx.query(`DELETE FROM installations WHERE ${KEY}`, keyParams(key))).rowCount ?? 0) === 1;
        const teams = await servedTeams(tx, key);
        await clearFailures(tx, key.platform, teams);
        const paused = await rows<{ id: number }>(
          tx,
          'UPDATE channels SET paused = true, paused_reason = $1 WHERE platform = $2 AND workspace_id = ANY($3::text[]) AND NOT paused RETURNING id',
          [reason, key.platform, teams],
        );
        for (const { id } of paused) await keepAside(tx, id);
        return { removed, teams, paused: paused.length };
      });
    },
    async claimRefresh(key, version, owner, now, leaseMs) {
      const claimed = await pool.query(
        `UPDATE installations SET refreshing_by = $5, refreshing_at = $6
         WHERE ${KEY} AND token_version = $4 AND (refreshing_by IS NULL OR refreshing_at < $7)`,
        [...keyParams(key), version, owner, now, leaseCutoff(now, leaseMs)],
      );
      return claimed.rowCount === 1;
    },
    async saveRefreshed(key, version, owner, tokens, now) {
      const [row] = await rows<InstallationRow>(
        pool,
        `UPDATE installations SET bot_token = $6, refresh_token = $7, expires_at = $8, updated_at = $9,
           token_version = token_version + 1, refreshing_by = NULL, refreshing_at = NULL
         WHERE ${KEY} AND token_version = $4 AND refreshing_by = $5 RETURNING *`,
        [...keyParams(key), version, owner, tokens.botToken, tokens.refreshToken, tokens.expiresAt, now],
      );
      return row ? toInstallation(row) : null;
    },
    async releaseRefresh(key, owner) {
      await pool.query(`UPDATE installations SET refreshing_by = NULL, refreshing_at = NULL WHERE ${KEY} AND refreshing_by = $4`, [...keyParams(key), owner]);
    },
    async count(platform) {
      const [row] = await rows<{ n: number }>(pool, 'SELECT count(*)::int AS n FROM installations WHERE platform = $1', [platform]);
      return row?.n ?? 0;
    },
  };
}
