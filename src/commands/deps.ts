import type { Clock } from '../clock.js';
import type { DigestService } from '../digest/types.js';
import type { ChannelLearning } from '../feedback/learning.js';
import type { Logger } from '../log.js';
import type { StoredPaper } from '../papers/paper.js';
import type { RuleEngine, RuleMatch } from '../rules/engine.js';
import type { SimilarPapers } from '../rules/similar-index.js';
import type { WorkQueue } from '../util/work-queue.js';
import type { CommandRateLimiter } from './rate-limit.js';
import type { Stores } from '../store/types.js';

/** Everything the command layer needs, injected by the composition root (app/core.ts). */
export interface CommandDeps {
  stores: Stores;
  engine: RuleEngine;
  /** Lazy: the digest pipeline is built after the handler. */
  digest: () => DigestService;
  clock: Clock;
  defaults: { scheduleTime: string; timezone: string; maxPerDigest: number };
  /** `/papers similar`: an index kept up to date over the recent papers (src/rules/similar-index.ts). */
  similar: SimilarPapers;
  /** The recent papers in memory (`preview` reads its 7 days here, not from the store on every call). */
  recent: { since(from: string): Promise<StoredPaper[]> };
  /** Expensive commands per person and channel; unlimited when absent. */
  limiter?: CommandRateLimiter;
  /** Where CPU-heavy commands wait their turn; run at once when absent. */
  work?: WorkQueue;
  /** Text of `/papers help rules`, owned by the rule language. */
  rulesHelp: string;
  /** A readable account of one rule's match; without it `why` lists the raw hits. */
  describeMatch?: (ruleText: string, m: RuleMatch) => string;
  /** The per-channel model, for `why`'s learned reasons; without it `why` gives the rules' reasons only. */
  learning?: ChannelLearning;
  /** Where unexpected failures are logged; silent when absent. */
  logger?: Logger;
}
