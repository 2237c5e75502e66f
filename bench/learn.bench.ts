/**
 * Learning benchmark: how much the per-channel model improves the digest
 * order over rules alone at 0, 5, 10, 20 and 40 labels (P@5, nDCG@5, AUC,
 * mean over seeds), how many liked papers a 10-paper digest holds after ~40
 * reactions, and how long training takes on a 180-day channel.
 * Figures only; the assertions live in test/learn.
 */
import { performance } from 'node:perf_hooks';
import { DEFAULT_EMOJI, labelsFromEvents } from '../src/learn/feedback.js';
import { trainChannelModel } from '../src/learn/model.js';
import { TermCache } from '../src/learn/terms.js';
import { loadBackgroundSentences } from '../src/learn/eval/background.js';
import { evaluateCheckpoints, summarize } from '../src/learn/eval/evaluate.js';
import { generateStream } from '../src/learn/eval/generator.js';
import { replay } from '../src/learn/eval/replay.js';
import { BOT_USER } from '../src/learn/eval/team.js';

const SEEDS = [1, 2, 3, 4, 5, 6];
const BUDGETS = [0, 5, 10, 20, 40];
const background = loadBackgroundSentences();
const f = (x: number): string => x.toFixed(3);

const t0 = performance.now();
const cps = evaluateCheckpoints({ seeds: SEEDS, budgets: BUDGETS, background });
console.log(
  `Replay: ${SEEDS.length} seeds, 25 rule matches/day, 10/digest, 10% label noise, 60% of posts get a reaction (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
);
console.log('labels | P@5 rule  learned | nDCG@5 rule  learned | AUC rule  learned | worst-seed P@5 gain | model alone P@5 AUC');
for (const n of BUDGETS) {
  const s = summarize(cps, n);
  const worst = Math.min(...cps.filter((c) => c.labels === n).map((c) => c.learned.p5 - c.rule.p5));
  console.log(
    `${String(n).padStart(6)} | ${f(s.rule.p5)}  ${f(s.learned.p5)}   | ${f(s.rule.ndcg5)}   ${f(s.learned.ndcg5)}    | ${f(s.rule.auc)}  ${f(s.learned.auc)}  | ${worst >= 0 ? '+' : ''}${f(worst)}              | ${f(s.model.p5)} ${f(s.model.auc)}`,
  );
}

// The scenario: two equal sub-topics (same rule hits, same upvotes), the team consistently likes one.
console.log('\nLiked papers per 10-paper digest, exploration slot on, 5% noise (first 5 digests after 40 labels):');
const after40: number[] = [];
const ruleOnly: number[] = [];
for (const seed of [...SEEDS, 7, 8, 9, 10]) {
  const { days } = generateStream({ seed, days: 20, perDay: 30, equalUpvotes: true, balanced: true, background });
  const state = replay(days, { seed, limit: 10, exploreSlot: true, noise: 0.05 });
  const rules = replay(days, { seed, limit: 10, exploreSlot: true, noise: 0.05, learn: false });
  const liked = (d: { shown: { liked: boolean }[] }): number => d.shown.filter((i) => i.liked).length;
  const after = state.days
    .filter((d) => d.labelsBefore >= 40)
    .slice(0, 5)
    .map(liked);
  after40.push(...after);
  ruleOnly.push(...rules.days.map(liked));
  console.log(`  seed ${String(seed).padStart(2)}: rule-only ${rules.days.slice(0, 5).map(liked).join(' ')} …; learned after 40 labels: ${after.join(' ')}`);
}
const avg = (xs: number[]): string => (xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(2);
console.log(
  `  rule-only mean ${avg(ruleOnly)}/10; learned mean ${avg(after40)}/10, min ${Math.min(...after40)}, ${after40.filter((x) => x >= 8).length}/${after40.length} digests with ≥ 8`,
);

// Training time on a long-lived channel: 180 days × 10 posted papers, all feedback so far.
const { days } = generateStream({ seed: 99, days: 181, perDay: 25, background });
const state = replay(days.slice(0, 180), { seed: 99, limit: 10, exploreSlot: false, learn: false });
const labels = labelsFromEvents(state.events, state.posted, DEFAULT_EMOJI, { ignoreUsers: [BOT_USER] });
const labeled = labels.flatMap((label) => {
  const paper = state.papers.get(label.paperId);
  return paper ? [{ paper, label }] : [];
});
const corpus = days[180]!.items.map((i) => i.paper);
const time = (cache?: TermCache): number[] => {
  const times: number[] = [];
  for (let r = 0; r < 7; r++) {
    const s = performance.now();
    trainChannelModel(labeled, { corpus, ...(cache ? { cache } : {}) });
    times.push(performance.now() - s);
  }
  return times.sort((a, b) => a - b);
};
const cold = time();
const cache = new TermCache();
const warm = time(cache);
const explicit = labels.filter((l) => l.kind !== 'weak-negative').length;
console.log(`\nTraining a 180-day channel (${labeled.length} labelled papers, ${explicit} explicit, +${corpus.length} candidates):`);
console.log(`  tokenising every paper: median ${cold[3]!.toFixed(0)} ms, max ${cold[6]!.toFixed(0)} ms`);
console.log(
  `  with the per-process term cache warm: median ${warm[3]!.toFixed(0)} ms, next slowest ${warm[5]!.toFixed(0)} ms (slowest, the call that fills it: ${warm[6]!.toFixed(0)} ms)`,
);
