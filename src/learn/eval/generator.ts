// biome-ignore-all lint/style/noNonNullAssertion: picks from non-empty constant tables (topics.ts) by indexes within them
import type { Paper } from '../../papers/paper.js';
import type { ChannelMatch } from '../../rules/rank.js';
import { createRng, type Rng } from './prng.js';
import { FIRST_NAMES, LAST_NAMES, SCENARIOS, type Scenario } from './topics.js';

export interface EvalItem extends ChannelMatch {
  /** 0 is the sub-topic the channel secretly prefers. */
  subtopic: 0 | 1;
  liked: boolean;
}

export interface DayBatch {
  day: string;
  items: EvalItem[];
}

export interface StreamOptions {
  seed: number;
  days: number;
  /** Papers matching the channel's rule each day. */
  perDay: number;
  /** Index into SCENARIOS (default: chosen by the seed). */
  scenario?: number;
  /** Share of papers in the preferred sub-topic (default 0.5). */
  likedShare?: number;
  /** Exactly half of each day from each sub-topic (the rule matches both equally), shuffled. */
  balanced?: boolean;
  /** Chance a paper borrows a phrase from the other sub-topic (default 0.3). */
  bleed?: number;
  /** Chance the rule phrase is in the title, the same for both sub-topics (default 0.3). */
  titleHitRate?: number;
  /** Same upvotes for every paper, so only the id breaks rule-order ties. */
  equalUpvotes?: boolean;
  background: readonly string[];
  startDay?: string;
}

const cap = (s: string): string => s.replace(/\b\p{L}/gu, (c) => c.toUpperCase());

function title(rng: Rng, sc: Scenario, topic: string, shared: string, ruleInTitle: boolean): string {
  const acronym = Array.from({ length: 3 + rng.int(3) }, () => String.fromCharCode(65 + rng.int(26))).join('');
  if (ruleInTitle) return rng.pick([`${cap(topic)} with ${cap(sc.rule)}s`, `${acronym}: ${cap(sc.rule)} for ${cap(topic)}`]);
  return rng.pick([`${acronym}: ${cap(topic)} via ${cap(shared)}`, `Towards ${cap(topic)} at Scale`, `Rethinking ${cap(shared)} for ${cap(topic)}`]);
}

function abstract(rng: Rng, sc: Scenario, topics: string[], shared: string[], background: readonly string[]): string {
  const [t1 = '', t2 = '', t3 = ''] = topics;
  const [s1 = '', s2 = ''] = shared;
  const parts = [
    rng.pick([`We study ${sc.rule} methods for ${t1}.`, `This paper applies ${sc.rule} techniques to ${t1} and ${t2}.`]),
    ...rng.sample(background, 2),
    `Our approach combines ${s1} with ${t2}, and we analyse ${t3}.`,
    ...rng.sample(background, 2),
    `Experiments with ${s2} show consistent gains${topics[3] ? ` on ${topics[3]}` : ''}.`,
  ];
  return parts.join(' ');
}

/**
 * A seeded stream of the papers one channel's over-broad rule lets through:
 * two sub-topics with the same rule hits and upvote distribution, written in
 * real abstract prose with a few topic phrases each, some borrowing from the
 * other sub-topic. Which sub-topic is liked is hidden in `liked`.
 */
export function generateStream(opts: StreamOptions): { scenario: Scenario; days: DayBatch[] } {
  const rng = createRng(opts.seed);
  const sc = SCENARIOS[opts.scenario ?? opts.seed % SCENARIOS.length]!;
  const everyone = FIRST_NAMES.flatMap((f) => LAST_NAMES.map((l) => `${f} ${l}`));
  const labs = [rng.sample(everyone, 12), rng.sample(everyone, 12)] as const;
  const start = Date.parse(`${opts.startDay ?? '2026-01-01'}T00:00:00Z`);
  let serial = 0;
  const days: DayBatch[] = [];
  for (let d = 0; d < opts.days; d++) {
    const day = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
    const items: EvalItem[] = [];
    const halves = rng.sample(
      Array.from({ length: opts.perDay }, (_, k) => (k % 2) as 0 | 1),
      opts.perDay,
    );
    for (let k = 0; k < opts.perDay; k++) {
      serial += 1;
      const subtopic: 0 | 1 = opts.balanced ? halves[k]! : rng.chance(opts.likedShare ?? 0.5) ? 0 : 1;
      const own = sc.subtopics[subtopic];
      const other = sc.subtopics[1 - subtopic]!;
      const topics = rng.sample(own, 3 + rng.int(2));
      if (rng.chance(opts.bleed ?? 0.3)) topics.splice(1 + rng.int(topics.length - 1), 0, rng.pick(other));
      const shared = rng.sample(sc.shared, 2);
      const ruleInTitle = rng.chance(opts.titleHitRate ?? 0.3);
      const authors = Array.from({ length: 2 + rng.int(4) }, () => (rng.chance(0.4) ? rng.pick(labs[subtopic]) : rng.pick(everyone)));
      const paper: Paper = {
        id: `2599.${String(serial).padStart(5, '0')}`,
        version: 1,
        title: title(rng, sc, topics[0]!, shared[0]!, ruleInTitle),
        abstract: abstract(rng, sc, topics, shared, opts.background),
        authors: [...new Set(authors)],
        publishedAt: `${day}T08:00:00.000Z`,
        hfDate: day,
        upvotes: opts.equalUpvotes ? 10 : Math.floor(-Math.log(1 - rng.next()) * 15),
        aiSummary: null,
        aiKeywords: [],
        codeUrl: null,
        projectUrl: null,
        numComments: null,
        imageUrl: null,
        categories: ['cs.LG'],
        sources: ['hf'],
      };
      const hit = { term: sc.rule, field: ruleInTitle ? ('title' as const) : ('abstract' as const), snippet: sc.rule };
      items.push({ paper, matches: [{ ruleId: 'r1', score: ruleInTitle ? 2 : 1, titleHit: ruleInTitle, hits: [hit] }], subtopic, liked: subtopic === 0 });
    }
    days.push({ day, items });
  }
  return { scenario: sc, days };
}
