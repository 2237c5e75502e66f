import type { Clock } from '../clock.js';
import type { DigestService } from '../digest/types.js';
import type { ChannelLearning } from '../feedback/learning.js';
import type { Logger } from '../log.js';
import type { Paper } from '../papers/paper.js';
import type { RuleEngine, RuleMatch } from '../rules/engine.js';
import type { Stores } from '../store/types.js';

/** Everything the command layer needs, injected by the composition root (app/core.ts). */
export interface CommandDeps {
  stores: Stores;
  engine: RuleEngine;
  /** Lazy: the digest pipeline is built after the handler. */
  digest: () => DigestService;
  clock: Clock;
  defaults: { scheduleTime: string; timezone: string; maxPerDigest: number };
  similar: (target: Paper, corpus: readonly Paper[], k: number) => { paper: Paper; score: number }[];
  /** Text of `/papers help rules`, owned by the rule language. */
  rulesHelp: string;
  /** A readable account of one rule's match; without it `why` lists the raw hits. */
  describeMatch?: (ruleText: string, m: RuleMatch) => string;
  /** The per-channel model, for `why`'s learned reasons; without it `why` gives the rules' reasons only. */
  learning?: ChannelLearning;
  /** Where unexpected failures are logged; silent when absent. */
  logger?: Logger;
}
