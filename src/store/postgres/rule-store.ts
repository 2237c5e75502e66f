import { RuleLimitError } from '../errors.js';
import { type ChannelRow, toChannel } from '../rows/channel.js';
import { findRule, type RuleRow, sameRuleText, toRule } from '../rows/rule.js';
import type { RuleStore } from '../types.js';
import { lockChannel, type Pool, type Queryable, rows, transaction } from './pool.js';

const ofChannel = (db: Queryable, channelId: number) => rows<RuleRow>(db, 'SELECT * FROM rules WHERE channel_id = $1 ORDER BY id', [channelId]);

export function createRuleStore(pool: Pool): RuleStore {
  return {
    /** Adding a rule the channel already has returns that rule: a retried or concurrent subscribe is not an error. */
    async add(channelId, text, addedBy, now, limit) {
      return transaction(pool, async (tx) => {
        // Under the channel's lock the count below is the count the insert lands on: two subscribes cannot both pass the limit.
        await lockChannel(tx, channelId);
        const rules = await ofChannel(tx, channelId);
        const same = rules.find((r) => sameRuleText(r.text, text));
        if (same) return toRule(same);
        if (limit !== undefined && rules.length >= limit) throw new RuleLimitError(rules.length);
        const [row] = await rows<RuleRow>(tx, 'INSERT INTO rules (channel_id, text, added_by, added_at) VALUES ($1, $2, $3, $4) RETURNING *', [
          channelId,
          text,
          addedBy,
          now,
        ]);
        if (!row) throw new Error(`rule insert for channel ${channelId} returned no row`);
        return toRule(row);
      });
    },
    async remove(channelId, textOrId) {
      const hit = findRule(await ofChannel(pool, channelId), textOrId);
      if (!hit) return null;
      // A concurrent remove that got there first leaves nothing to return.
      const [gone] = await rows<RuleRow>(pool, 'DELETE FROM rules WHERE id = $1 AND channel_id = $2 RETURNING *', [hit.id, channelId]);
      return gone ? toRule(gone) : null;
    },
    async list(channelId) {
      return (await ofChannel(pool, channelId)).map(toRule);
    },
    async listActive() {
      const active = await rows<RuleRow>(pool, 'SELECT r.* FROM rules r JOIN channels c ON c.id = r.channel_id WHERE NOT c.paused ORDER BY r.channel_id, r.id');
      return active.map(toRule);
    },
    async addedBy(workspace, userId) {
      const found = await rows<RuleRow & { channel: ChannelRow }>(
        pool,
        `SELECT r.*, row_to_json(c.*) AS channel FROM rules r JOIN channels c ON c.id = r.channel_id
         WHERE c.platform = $1 AND c.workspace_id = $2 AND r.added_by = $3 ORDER BY r.channel_id, r.id`,
        [workspace.platform, workspace.workspaceId, userId],
      );
      return found.map((row) => ({ rule: toRule(row), channel: toChannel(row.channel) }));
    },
  };
}
