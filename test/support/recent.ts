import type { Clock } from '../../src/clock.js';
import type { CommandDeps } from '../../src/commands/deps.js';
import { SIMILAR_WINDOW_DAYS } from '../../src/commands/limits.js';
import { RecentPapers } from '../../src/papers/recent-papers.js';
import { similarOverRecent } from '../../src/rules/similar-index.js';
import type { Stores } from '../../src/store/types.js';

/** The recent papers and similarity index as app/core.ts wires them, reading new papers on every call (tests add papers as they go). */
export function recentDeps(stores: Stores, clock: Clock): Pick<CommandDeps, 'similar' | 'recent'> {
  const recent = new RecentPapers({ papers: stores.papers, clock, windowDays: SIMILAR_WINDOW_DAYS, syncEveryMs: 0 });
  return { recent, similar: similarOverRecent(recent) };
}
