import { mergePapers } from '../../src/papers/merge.js';
import type { StoredPaper } from '../../src/papers/paper.js';
import type { Channel, DeliveryStore, Rule, SourceState, Stores, ThreadRecord } from '../../src/store/types.js';

const key = (r: { platform: string; workspaceId: string; channelId: string }) => `${r.platform}|${r.workspaceId}|${r.channelId}`;

function unsupported(name: string): never {
  throw new Error(`memory stores: deliveries.${name} is not modelled; use the SQLite store for delivery tests`);
}

/**
 * Stores in plain Maps, for command tests that run before (or without) the
 * SQLite store. Channels, rules, papers and threads behave like the contract
 * says; deliveries only move the channel's window
 * and otherwise answer "nothing offered / nothing held".
 */
export function memoryStores(): Stores {
  const channels = new Map<number, Channel>();
  const rules = new Map<number, Rule>();
  const papers = new Map<string, StoredPaper>();
  const threads: ThreadRecord[] = [];
  let nextChannel = 1;
  let nextRule = 1;
  const copy = <T extends object>(x: T): T => structuredClone(x);

  const deliveries: DeliveryStore = {
    offered: async () => new Set(),
    // Only what commands observe: the channel's window moves; the deliveries themselves are not kept.
    planDigest: async (plan) => {
      const c = channels.get(plan.channelId);
      if (c) c.lastDigestAt = plan.coveredUntil;
      return plan.deliveries.length;
    },
    unsent: async () => [],
    claim: async () => unsupported('claim'),
    markSent: async () => unsupported('markSent'),
    failChannel: async () => 0,
    held: async () => [],
    release: async () => unsupported('release'),
    countByStatus: async () => ({ planned: 0, attempted: 0, sent: 0, held: 0, failed: 0 }),
  };

  return {
    channels: {
      async ensure(ref, now) {
        const found = [...channels.values()].find((c) => key(c) === key(ref));
        if (found) return copy(found);
        const c: Channel = { ...ref, id: nextChannel++, scheduleTime: null, timezone: null, paused: false, pausedReason: null, lastDigestAt: null, createdAt: now };
        channels.set(c.id, c);
        return copy(c);
      },
      async find(ref) {
        const found = [...channels.values()].find((c) => key(c) === key(ref));
        return found ? copy(found) : null;
      },
      async get(id) {
        const c = channels.get(id);
        return c ? copy(c) : null;
      },
      async list() {
        return [...channels.values()].map(copy);
      },
      async setSchedule(id, time, timezone) {
        const c = channels.get(id);
        if (c) Object.assign(c, { scheduleTime: time, timezone });
      },
      async setPaused(id, paused, reason) {
        const c = channels.get(id);
        if (c) Object.assign(c, { paused, pausedReason: reason });
      },
      async pauseWorkspace(platform, workspaceId, reason) {
        const hit = [...channels.values()].filter((c) => c.platform === platform && c.workspaceId === workspaceId);
        for (const c of hit) Object.assign(c, { paused: true, pausedReason: reason });
        return hit.length;
      },
    },
    rules: {
      async add(channelId, text, addedBy, now) {
        // Like the SQLite store: the same text again (any case) returns the rule the channel has.
        const same = [...rules.values()].find((x) => x.channelId === channelId && x.text.toLowerCase() === text.toLowerCase());
        if (same) return copy(same);
        const r: Rule = { id: nextRule++, channelId, text, addedBy, addedAt: now };
        rules.set(r.id, r);
        return copy(r);
      },
      async remove(channelId, textOrId) {
        const arg = textOrId.trim();
        const mine = [...rules.values()].filter((x) => x.channelId === channelId);
        const r = mine.find((x) => String(x.id) === arg) ?? mine.find((x) => x.text.toLowerCase() === arg.toLowerCase());
        if (!r) return null;
        rules.delete(r.id);
        return r;
      },
      async list(channelId) {
        return [...rules.values()].filter((r) => r.channelId === channelId).map(copy);
      },
      async listActive() {
        return [...rules.values()].filter((r) => !channels.get(r.channelId)?.paused).map(copy);
      },
    },
    papers: {
      async upsertMany(list, now) {
        let added = 0;
        let updated = 0;
        for (const p of list) {
          const old = papers.get(p.id);
          if (old) {
            papers.set(p.id, { ...mergePapers(old, p), firstSeenAt: old.firstSeenAt });
            updated++;
          } else {
            papers.set(p.id, { ...copy(p), firstSeenAt: now });
            added++;
          }
        }
        return { added, updated };
      },
      async get(id) {
        const p = papers.get(id);
        return p ? copy(p) : null;
      },
      async firstSeenBetween(from, to) {
        return [...papers.values()].filter((p) => p.firstSeenAt >= from && p.firstSeenAt < to).map(copy);
      },
      async count() {
        return papers.size;
      },
    },
    deliveries,
    threads: {
      async record(t) {
        threads.push(copy(t));
      },
      async paperFor(platform, id) {
        const t = threads.find((x) => (x.threadId === id || x.messageId === id) && channels.get(x.channelId)?.platform === platform);
        return t ? copy(t) : null;
      },
    },
    sources: {
      async get(source) {
        return { source, lastSuccessDay: null, lastSuccessAt: null, lastError: null, lastErrorAt: null } satisfies SourceState;
      },
      async all() {
        return [];
      },
      async recordSuccess() {},
      async recordFailure() {},
    },
    ping: async () => true,
    close: async () => {},
  };
}
