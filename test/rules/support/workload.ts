import type { Paper } from '../../../src/papers/paper.js';
import type { CompiledRules, RuleInput } from '../../../src/rules/engine.js';
import { RULE_MIX } from './rulegen.js';

const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
const spread = (xs: number[], digits = 1): string => {
  const s = [...xs].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / Math.max(1, s.length);
  return `mean ${mean.toFixed(digits)}, median ${quantile(s, 0.5).toFixed(digits)}, p90 ${quantile(s, 0.9).toFixed(digits)}, max ${quantile(s, 1).toFixed(digits)}`;
};
const channelOf = (ruleId: string): string => ruleId.slice(0, ruleId.indexOf('-'));

/**
 * What the benchmark's workload looks like, so a reader can judge whether it
 * is realistic: the rule mix, how much channels share rules, and how many
 * rules and channels each paper matches.
 */
export function printWorkload(rules: readonly RuleInput[], papers: readonly Paper[], compiled: CompiledRules, channels: number): void {
  const byText = new Map<string, number>();
  for (const r of rules) byText.set(r.text, (byText.get(r.text) ?? 0) + 1);
  const shared = [...byText].sort((a, b) => b[1] - a[1]);
  const mixTotal = RULE_MIX.reduce((s, [, w]) => s + w, 0);
  console.log(`rule mix drawn: ${RULE_MIX.map(([f, w]) => `${f} ${Math.round((100 * w) / mixTotal)}%`).join(', ')}`);
  console.log(
    `distinct rule texts: ${byText.size} of ${rules.length} (${shared.filter(([, n]) => n === 1).length} held by one channel); most shared: ${shared
      .slice(0, 8)
      .map(([t, n]) => `${t} ×${n}`)
      .join(', ')}`,
  );
  const perPaper: number[] = [];
  const channelsPerPaper: number[] = [];
  const rulesPerMatchedChannel: number[] = [];
  const papersPerChannel = new Map<string, number>();
  for (const p of papers) {
    const ms = compiled.match(p);
    perPaper.push(ms.length);
    const chans = new Map<string, number>();
    for (const m of ms) chans.set(channelOf(m.ruleId), (chans.get(channelOf(m.ruleId)) ?? 0) + 1);
    channelsPerPaper.push(chans.size);
    for (const [c, n] of chans) {
      rulesPerMatchedChannel.push(n);
      papersPerChannel.set(c, (papersPerChannel.get(c) ?? 0) + 1);
    }
  }
  const share = Array.from({ length: channels }, (_, c) => (100 * (papersPerChannel.get(`c${c}`) ?? 0)) / papers.length);
  console.log(`matches per paper: ${spread(perPaper)} (total ${perPaper.reduce((a, b) => a + b, 0)})`);
  console.log(`channels matched per paper: ${spread(channelsPerPaper)}; rules matched per (paper, matched channel): ${spread(rulesPerMatchedChannel, 2)}`);
  console.log(`share of the ${papers.length} papers each channel receives, %: ${spread(share)}`);
}
