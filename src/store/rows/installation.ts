import { z } from 'zod';
import type { Installation, InstallKey } from '../types.js';
import { parseJsonColumn, parseValue } from './parse.js';
import { platformSchema } from './schemas.js';

export interface InstallationRow {
  platform: string;
  scope: string;
  scope_id: string;
  team_id: string | null;
  enterprise_id: string | null;
  bot_token: string;
  bot_id: string;
  bot_user_id: string;
  refresh_token: string | null;
  expires_at: string | null;
  details: string;
  installed_at: string;
  updated_at: string;
  token_version: number;
}

const scopeSchema = z.enum(['team', 'enterprise']);
const detailsSchema = z.record(z.string(), z.unknown());

export function toInstallation(row: InstallationRow): Installation {
  const id = `${row.platform}/${row.scope}/${row.scope_id}`;
  return {
    key: {
      platform: parseValue(platformSchema, row.platform, { table: 'installations', id, column: 'platform' }),
      scope: parseValue(scopeSchema, row.scope, { table: 'installations', id, column: 'scope' }),
      id: row.scope_id,
    },
    teamId: row.team_id,
    enterpriseId: row.enterprise_id,
    botToken: row.bot_token,
    botId: row.bot_id,
    botUserId: row.bot_user_id,
    refreshToken: row.refresh_token,
    expiresAt: row.expires_at,
    details: parseJsonColumn(detailsSchema, row.details, { table: 'installations', id, column: 'details' }),
    installedAt: row.installed_at,
    updatedAt: row.updated_at,
    tokenVersion: row.token_version,
  };
}

/** The key's three columns, in the order every statement takes them. */
export const keyParams = (key: InstallKey): [string, string, string] => [key.platform, key.scope, key.id];
