import type Database from 'better-sqlite3';
import { RuleLimitError } from '../errors.js';
import type { Rule, RuleStore } from '../types.js';

interface RuleRow {
  id: number;
  channel_id: number;
  text: string;
  added_by: string;
  added_at: string;
}

function toRule(row: RuleRow): Rule {
  return { id: row.id, channelId: row.channel_id, text: row.text, addedBy: row.added_by, addedAt: row.added_at };
}

/** Same rule text in any letter case; JavaScript folds all of Unicode, SQLite's lower() only ASCII. */
function sameText(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

export function createRuleStore(db: Database.Database): RuleStore {
  const ofChannel = db.prepare<[number], RuleRow>('SELECT * FROM rules WHERE channel_id = ? ORDER BY id');
  const insert = db.prepare<[number, string, string, string], RuleRow>(
    'INSERT INTO rules (channel_id, text, added_by, added_at) VALUES (?, ?, ?, ?) RETURNING *',
  );
  const remove = db.prepare('DELETE FROM rules WHERE id = ?');
  const active = db.prepare<[], RuleRow>('SELECT r.* FROM rules r JOIN channels c ON c.id = r.channel_id WHERE c.paused = 0 ORDER BY r.channel_id, r.id');

  /** Adding a rule the channel already has returns that rule: a retried or concurrent subscribe is not an error. */
  const add = db.transaction((channelId: number, text: string, addedBy: string, now: string, limit: number | undefined): Rule => {
    const rules = ofChannel.all(channelId);
    const same = rules.find((r) => sameText(r.text, text));
    if (same) return toRule(same);
    if (limit !== undefined && rules.length >= limit) throw new RuleLimitError(rules.length);
    const row = insert.get(channelId, text, addedBy, now);
    if (!row) throw new Error(`rule insert for channel ${channelId} returned no row`);
    return toRule(row);
  });

  /** An all-digit argument names a rule id first; otherwise (or when no such id) the text. */
  const removeOne = db.transaction((channelId: number, textOrId: string): Rule | null => {
    const rules = ofChannel.all(channelId);
    const arg = textOrId.trim();
    const hit = (/^\d+$/.test(arg) ? rules.find((r) => r.id === Number(arg)) : undefined) ?? rules.find((r) => sameText(r.text, arg));
    if (!hit) return null;
    remove.run(hit.id);
    return toRule(hit);
  });

  return {
    async add(channelId, text, addedBy, now, limit) {
      return add.immediate(channelId, text, addedBy, now, limit);
    },
    async remove(channelId, textOrId) {
      return removeOne.immediate(channelId, textOrId);
    },
    async list(channelId) {
      return ofChannel.all(channelId).map(toRule);
    },
    async listActive() {
      return active.all().map(toRule);
    },
  };
}
