import type { Stores } from '../../src/store/types.js';
import { digestPlan } from './helpers.js';

export const RACE_PAPERS = 20;

/**
 * One racer's work: plan digests of three papers each from a shared pool
 * (walking it forwards or backwards, so the two racers' plans overlap
 * partly) and claim every unsent delivery after each plan.
 */
export async function race(stores: Stores, channelId: number, owner: string, backwards: boolean): Promise<{ written: number; claimed: number[] }> {
  let written = 0;
  const claimed: number[] = [];
  const now = new Date().toISOString();
  for (let i = 0; i < RACE_PAPERS; i++) {
    const start = backwards ? RACE_PAPERS - 1 - i : i;
    const ids = [0, 1, 2].map((k) => `2599.${String((start + k) % RACE_PAPERS).padStart(5, '0')}`);
    written += await stores.deliveries.planDigest(digestPlan(channelId, `${owner}-${i}`, ids, { plannedAt: now }));
    for (const d of await stores.deliveries.unsent(channelId)) {
      if ((await stores.deliveries.claim(d.id, owner, now, 600_000)).claimed) claimed.push(d.id);
    }
    // Let the other process in: SQLite's busy handler does not queue waiters fairly.
    await new Promise((r) => setTimeout(r, 2));
  }
  return { written, claimed };
}
