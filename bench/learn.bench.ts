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
console.log(`Replay: ${SEEDS.length} seeds, 25 rule matches/day, 10/digest, 10% label noise, 60% of posts get a reaction (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
console.log('labels | P@5 rule  learned | nDCG@5 rule  learned | AUC rule  learned | worst-seed P@5 gain');
for (const n of BUDGETS) {
  const s = summarize(cps, n);
  const worst = Math.min(...cps.filter((c) => c.labels === n).map((c) => c.learned.p5 - c.rule.p5));
  console.log(
    `${String(n).padStart(6)} | ${f(s.rule.p5)}  ${f(s.learned.p5)}   | ${f(s.rule.ndcg5)}   ${f(s.learned.ndcg5)}    | ${f(s.rule.auc)}  ${f(s.learned.auc)}  | ${worst >= 0 ? '+' : ''}${f(worst)}`,
  );
}

// The scenario: two equal sub-topics, the team consistently likes one.
console.log('\nLiked papers per 10-paper digest after ~40 reactions (exploration slot on, 5% noise), 5 digests per seed:');
for (const seed of SEEDS) {
  const { days } = generateStream({ seed, days: 30, perDay: 30, equalUpvotes: true, balanced: true, background });
  const state = replay(days, { seed, limit: 10, exploreSlot: true, noise: 0.05, reactRate: 0.6 });
  const after = state.days.filter((d) => d.labelsBefore >= 40).slice(0, 5);
  const before = state.days[0]!;
  console.log(`  seed ${seed}: rule-only first digest ${before.shown.filter((i) => i.liked).length}/10; after 40: ${after.map((d) => d.shown.filter((i) => i.liked).length).join(' ')}`);
}

// Training time on a long-lived channel: 180 days × 10 posted papers, all feedback so far.
const { days } = generateStream({ seed: 99, days: 181, perDay: 25, background });
const state = replay(days.slice(0, 180), { seed: 99, limit: 10, exploreSlot: false, learn: false });
const labels = labelsFromEvents(state.events, state.posted, DEFAULT_EMOJI, { ignoreUsers: [BOT_USER] });
const labeled = labels.flatMap((label) => {
  const paper = state.papers.get(label.paperId);
  return paper ? [{ paper, label }] : [];
});
const corpus = days[180]!.items.map((i) => i.paper);
const times: number[] = [];
for (let r = 0; r < 5; r++) {
  const s = performance.now();
  trainChannelModel(labeled, { corpus });
  times.push(performance.now() - s);
}
times.sort((a, b) => a - b);
console.log(`\nTraining a 180-day channel (${labeled.length} labelled papers, ${labels.filter((l) => l.kind !== 'weak-negative').length} explicit): median ${times[2]!.toFixed(0)} ms, max ${times[4]!.toFixed(0)} ms`);
