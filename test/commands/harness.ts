import { onTestFinished } from 'vitest';
import type { ChannelRef } from '../../src/chat/port.js';
import { inlineText, replyPlainText, type Inline, type Reply } from '../../src/chat/reply.js';
import { fixedClock } from '../../src/clock.js';
import { createCommandHandler, type CommandDeps } from '../../src/commands/handler.js';
import type { CommandContext, CommandHandler } from '../../src/commands/types.js';
import type { ChannelDigestReport, DigestService } from '../../src/digest/types.js';
import type { Paper } from '../../src/papers/paper.js';
import type { RuleEngine } from '../../src/rules/engine.js';
import { createPhraseEngine } from '../support/phrase-engine.js';
import { createRuleEngine } from '../../src/rules/rule-engine.js';
import type { Stores } from '../../src/store/types.js';
import { openSqliteStores } from '../../src/store/sqlite/index.js';
import { SIMILAR_WINDOW_DAYS } from '../../src/commands/limits.js';
import { DAY_MS } from '../../src/util/days.js';
import { recentDeps } from '../support/recent.js';

export const NOW = '2026-03-10T08:00:00.000Z';
export const CHANNEL: ChannelRef = { platform: 'slack', workspaceId: 'T-FIXTURE', channelId: 'C-FIXTURE' };
export const RULES_HELP = 'Fixture rules help.\nA second line.';

/** Matching tests run on both engines: the commands must not depend on which one is wired in. */
export const ENGINES: [string, () => RuleEngine][] = [
  ['phrase engine', createPhraseEngine],
  ['rule engine', createRuleEngine],
];

/** A DigestService that records what the commands asked and answers from a script. */
export class RecordingDigest implements DigestService {
  calls: { method: 'digestChannel' | 'more'; channelId: number }[] = [];
  next: Partial<ChannelDigestReport> = {};
  fail: Error | null = null;

  private answer(method: 'digestChannel' | 'more', channelId: number): Promise<ChannelDigestReport> {
    this.calls.push({ method, channelId });
    if (this.fail) return Promise.reject(this.fail);
    return Promise.resolve({ channelId, planned: 0, held: 0, sent: 0, failed: false, pausedReason: null, ...this.next });
  }
  digestChannel(channelId: number) {
    return this.answer('digestChannel', channelId);
  }
  more(channelId: number) {
    return this.answer('more', channelId);
  }
  runCycle(): never {
    throw new Error('commands never run a whole cycle');
  }
  deliverPending(): never {
    throw new Error('commands never deliver pending posts');
  }
}

export interface Harness {
  stores: Stores;
  digest: RecordingDigest;
  clock: ReturnType<typeof fixedClock>;
  handler: CommandHandler;
  similarCalls: { target: string; corpus: string[]; k: number }[];
  errors: unknown[];
  /** Run `/papers <text>` as a manager (or as `over` says). */
  run(text: string, over?: Partial<CommandContext>): Promise<Reply>;
  channelId(): Promise<number>;
  addPapers(papers: Paper[], firstSeenAt?: string): Promise<void>;
}

export function harness(
  opts: {
    engine?: RuleEngine;
    similar?: CommandDeps['similar'];
    describeMatch?: CommandDeps['describeMatch'];
    stores?: Stores;
    learning?: (stores: Stores, clock: ReturnType<typeof fixedClock>) => CommandDeps['learning'];
    limiter?: (clock: ReturnType<typeof fixedClock>) => CommandDeps['limiter'];
    work?: CommandDeps['work'];
  } = {},
): Harness {
  // The real store, in memory: what the commands read back is what SQLite actually kept.
  const stores = opts.stores ?? openSqliteStores(':memory:');
  onTestFinished(() => stores.close());
  const digest = new RecordingDigest();
  const clock = fixedClock(NOW);
  const similarCalls: Harness['similarCalls'] = [];
  const errors: unknown[] = [];
  const { recent } = recentDeps(stores, clock);
  // Stands in for the index: records what it was asked, and answers with the window's other papers in order.
  const similar: CommandDeps['similar'] = opts.similar ?? {
    async similarTo(target, k) {
      const since = new Date(clock.now().getTime() - SIMILAR_WINDOW_DAYS * DAY_MS).toISOString();
      const corpus = (await recent.since(since)).filter((p) => p.id !== target.id);
      similarCalls.push({ target: target.id, corpus: corpus.map((p) => p.id), k });
      return corpus.slice(0, k).map((paper, i) => ({ paper, score: 0.9 - i * 0.1 }));
    },
  };
  const logger = { error: (obj: unknown) => void errors.push(obj) } as unknown as CommandDeps['logger'];
  const deps: CommandDeps = {
    stores,
    engine: opts.engine ?? createPhraseEngine(),
    digest: () => digest,
    clock,
    defaults: { scheduleTime: '08:00', timezone: 'UTC', maxPerDigest: 10 },
    similar,
    recent,
    rulesHelp: RULES_HELP,
    logger,
    ...(opts.describeMatch ? { describeMatch: opts.describeMatch } : {}),
    ...(opts.learning ? { learning: opts.learning(stores, clock) } : {}),
    ...(opts.limiter ? { limiter: opts.limiter(clock) } : {}),
    ...(opts.work ? { work: opts.work } : {}),
  };
  const handler = createCommandHandler(deps);
  return {
    stores,
    digest,
    clock,
    handler,
    similarCalls,
    errors,
    run: (text, over = {}) => handler.handle({ channel: CHANNEL, userId: 'U-ADA', userName: 'Ada', canManage: true, threadId: null, ...over }, text),
    channelId: async () => (await stores.channels.ensure(CHANNEL, NOW)).id,
    async addPapers(papers, firstSeenAt = '2026-03-09T06:00:00.000Z') {
      await stores.papers.upsertMany(papers, firstSeenAt);
    },
  };
}

export function text(r: Reply): string {
  return replyPlainText(r);
}

function inlines(r: Reply): Inline[] {
  return r.blocks.flatMap((b) => (b.kind === 'text' ? b.lines.flat() : b.kind === 'list' ? b.items.flat() : []));
}

/** Every `{code}` part of a reply: rules and commands are shown this way. */
export function codes(r: Reply): string[] {
  return inlines(r).flatMap((p) => (typeof p === 'object' && 'code' in p ? [p.code] : []));
}

export function links(r: Reply): { url: string; text: string }[] {
  return inlines(r).flatMap((p) => (typeof p === 'object' && 'link' in p ? [p.link] : []));
}

/** The list items of a reply as plain text. */
export function items(r: Reply): string[] {
  return r.blocks.flatMap((b) => (b.kind === 'list' ? b.items.map((l) => l.map(inlineText).join('')) : []));
}
