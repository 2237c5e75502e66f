import type Database from 'better-sqlite3';
import { RuleLimitError } from '../errors.js';
import { type ChannelRow, toChannel } from '../rows/channel.js';
import { findRule, type RuleRow, sameRuleText, toRule } from '../rows/rule.js';
import type { Channel, Rule, RuleStore } from '../types.js';

export function createRuleStore(db: Database.Database): RuleStore {
  const ofChannel = db.prepare<[number], RuleRow>('SELECT * FROM rules WHERE channel_id = ? ORDER BY id');
  const insert = db.prepare<[number, string, string, string], RuleRow>(
    'INSERT INTO rules (channel_id, text, added_by, added_at) VALUES (?, ?, ?, ?) RETURNING *',
  );
  const remove = db.prepare('DELETE FROM rules WHERE id = ?');
  const byAuthor = db.prepare<[string, string, string], RuleRow>(
    `SELECT r.* FROM rules r JOIN channels c ON c.id = r.channel_id
     WHERE c.platform = ? AND c.workspace_id = ? AND r.added_by = ? ORDER BY r.channel_id, r.id`,
  );
  const channelById = db.prepare<[number], ChannelRow>('SELECT * FROM channels WHERE id = ?');
  const active = db.prepare<[], RuleRow>('SELECT r.* FROM rules r JOIN channels c ON c.id = r.channel_id WHERE c.paused = 0 ORDER BY r.channel_id, r.id');

  /** Adding a rule the channel already has returns that rule: a retried or concurrent subscribe is not an error. */
  const add = db.transaction((channelId: number, text: string, addedBy: string, now: string, limit: number | undefined): Rule => {
    const rules = ofChannel.all(channelId);
    const same = rules.find((r) => sameRuleText(r.text, text));
    if (same) return toRule(same);
    if (limit !== undefined && rules.length >= limit) throw new RuleLimitError(rules.length);
    const row = insert.get(channelId, text, addedBy, now);
    if (!row) throw new Error(`rule insert for channel ${channelId} returned no row`);
    return toRule(row);
  });

  const removeOne = db.transaction((channelId: number, textOrId: string): Rule | null => {
    const hit = findRule(ofChannel.all(channelId), textOrId);
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
    async addedBy(workspace, userId) {
      const out: { channel: Channel; rule: Rule }[] = [];
      for (const row of byAuthor.all(workspace.platform, workspace.workspaceId, userId)) {
        const channel = channelById.get(row.channel_id);
        if (channel) out.push({ channel: toChannel(channel), rule: toRule(row) });
      }
      return out;
    },
  };
}
