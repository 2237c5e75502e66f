import { z } from 'zod';
import type { ClientFor } from './clients.js';

/** SLACK_MANAGERS: who may change a channel's rules, schedule and pause state. */
export const SLACK_MANAGERS = ['everyone', 'members', 'admins'] as const;
export type SlackManagers = (typeof SLACK_MANAGERS)[number];

/** Who may manage, in the words a refusal uses ("Only … can use /papers pause"). */
export const MANAGERS_TEXT: Record<SlackManagers, string> = {
  everyone: 'people in this channel',
  members: 'members of this workspace (guests cannot)',
  admins: 'workspace admins and owners',
};

/** A person's role changes rarely; ten minutes bounds how long a demoted admin keeps managing. */
export const MANAGER_TTL_MS = 10 * 60_000;
const MAX_PEOPLE = 5000;

/**
 * A bounded, expiring cache of answers by key, least recently used first out.
 * A lookup in flight is shared by everyone asking for the same key; a failed
 * one is forgotten, so the next command asks again.
 */
export class ManagerCache<V> {
  private readonly entries = new Map<string, { at: number; value: Promise<V> }>();
  private readonly max: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(opts: { max?: number; ttlMs?: number; now: () => number }) {
    this.max = opts.max ?? MAX_PEOPLE;
    this.ttlMs = opts.ttlMs ?? MANAGER_TTL_MS;
    this.now = opts.now;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    this.entries.delete(key);
    if (hit && this.now() - hit.at < this.ttlMs) {
      this.entries.set(key, hit);
      return hit.value;
    }
    const value = load();
    const entry = { at: this.now(), value };
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value ?? '');
    return value;
  }
}

const userSchema = z.object({
  user: z.object({
    deleted: z.boolean().optional(),
    is_bot: z.boolean().optional(),
    is_admin: z.boolean().optional(),
    is_owner: z.boolean().optional(),
    is_primary_owner: z.boolean().optional(),
    is_restricted: z.boolean().optional(),
    is_ultra_restricted: z.boolean().optional(),
  }),
});
type SlackUser = z.infer<typeof userSchema>['user'];

function allowed(mode: SlackManagers, u: SlackUser): boolean {
  if (u.deleted === true || u.is_bot === true) return false;
  if (mode === 'admins') return u.is_admin === true || u.is_owner === true || u.is_primary_owner === true;
  return u.is_restricted !== true && u.is_ultra_restricted !== true;
}

export interface ManagerPolicy {
  readonly who: string;
  /** Whether the person may manage channels; throws when Slack could not say (the caller refuses). */
  mayManage(teamId: string, userId: string): Promise<boolean>;
}

/** SLACK_MANAGERS as a check, reading `users.info` (scope users:read) through a bounded cache. */
export function createManagerPolicy(mode: SlackManagers, deps: { clientFor: ClientFor; now: () => number; ttlMs?: number; max?: number }): ManagerPolicy {
  const cache = new ManagerCache<boolean>({
    now: deps.now,
    ...(deps.ttlMs !== undefined ? { ttlMs: deps.ttlMs } : {}),
    ...(deps.max !== undefined ? { max: deps.max } : {}),
  });
  return {
    who: MANAGERS_TEXT[mode],
    async mayManage(teamId, userId) {
      if (mode === 'everyone') return true;
      // Asked with the person's own workspace's token: another workspace's could not see them.
      return cache.get(`${teamId}:${userId}`, async () => {
        const client = await deps.clientFor(teamId);
        return allowed(mode, userSchema.parse(await client.users.info({ user: userId })).user);
      });
    },
  };
}
