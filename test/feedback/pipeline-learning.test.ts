import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelRef } from '../../src/chat/port.js';
import { loadBackgroundSentences } from '../../src/learn/eval/background.js';
import { generateStream, type DayBatch } from '../../src/learn/eval/generator.js';
import { BOT, learningHarness, type LearningHarness } from './helpers.js';

const background = loadBackgroundSentences();
let open: LearningHarness[] = [];
afterEach(async () => {
  for (const h of open) await h.stores.close();
  open = [];
});

function harness(opts: Parameters<typeof learningHarness>[0] = {}): LearningHarness {
  const h = learningHarness(opts);
  open.push(h);
  return h;
}

const REF = (h: LearningHarness): ChannelRef => ({ platform: h.port.platform, workspaceId: 'W1', channelId: 'c1' });

interface DayResult {
  day: string;
  shown: string[];
  liked: number;
  reactionsBefore: number;
}

/**
 * Day by day: the papers arrive, the scheduled digest posts 10, and the team
 * reacts through the recorder (👍 on the liked sub-topic, 👎 on the other),
 * plus the bot's own 👍 on everything, which must not count.
 */
async function replayDays(h: LearningHarness, days: readonly DayBatch[], react: boolean): Promise<DayResult[]> {
  const liked = new Map(days.flatMap((d) => d.items.map((i) => [i.paper.id, i.liked] as const)));
  const channel = await h.stores.channels.find(REF(h));
  if (!channel) throw new Error('no channel');
  let reactions = 0;
  const out: DayResult[] = [];
  for (const d of days) {
    h.clock.set(`${d.day}T08:00:00.000Z`);
    h.source.set(
      d.day,
      d.items.map((i) => i.paper),
    );
    const before = h.port.papersSent().length;
    await h.digest.runCycle();
    const shown = h.port.papersSent().slice(before);
    out.push({ day: d.day, shown, liked: shown.filter((id) => liked.get(id)).length, reactionsBefore: reactions });
    if (!react) continue;
    const posts = await h.stores.threads.postedIn(channel.id, { since: `${d.day}T00:00:00.000Z` });
    for (const [k, post] of posts.entries()) {
      const at = `${d.day}T1${k % 10}:00:00.000Z`;
      const emoji = liked.get(post.paperId) ? '+1' : '-1';
      const r = await h.recorder.record({
        channel: REF(h),
        messageOrThreadId: post.messageId,
        userId: 'U_ADA',
        kind: 'reaction',
        emoji,
        removed: false,
        eventKey: `${post.messageId}:U_ADA:${emoji}`,
        at,
      });
      expect(r).toBe('stored');
      reactions += 1;
      await h.recorder.record({
        channel: REF(h),
        messageOrThreadId: post.messageId,
        userId: BOT,
        kind: 'reaction',
        emoji: '+1',
        removed: false,
        eventKey: `${post.messageId}:${BOT}:+1`,
        at,
      });
    }
  }
  return out;
}

function stream(seed: number, days: number) {
  return generateStream({ seed, days, perDay: 30, equalUpvotes: true, balanced: true, background, startDay: '2026-01-01' });
}

describe('the pipeline learns from reactions recorded through the recorder', () => {
  it('with no feedback the learned pipeline posts exactly what the rule-only pipeline posts', async () => {
    const { days, scenario } = stream(11, 2);
    const learned = harness();
    const rules = harness({ learn: false });
    for (const h of [learned, rules]) await h.channel('c1', [scenario.rule]);
    const a = await replayDays(learned, days, false);
    const b = await replayDays(rules, days, false);
    expect(a.map((d) => d.shown)).toEqual(b.map((d) => d.shown));
    expect(a[0]?.shown).toHaveLength(10);
  });

  it.each([1, 2, 3])('seed %i: after ~40 reactions at least 8 of each 10-paper digest are from the liked sub-topic; rules alone give about 5', async (seed) => {
    const { days, scenario } = stream(seed, 9);
    const learned = harness();
    const rules = harness({ learn: false });
    for (const h of [learned, rules]) await h.channel('c1', [scenario.rule]);
    const withLearning = await replayDays(learned, days, true);
    const ruleOnly = await replayDays(rules, days, false);

    const after = withLearning.filter((d) => d.reactionsBefore >= 40);
    expect(after.length).toBeGreaterThanOrEqual(4);
    for (const d of after) expect(d.liked, d.day).toBeGreaterThanOrEqual(8);
    const ruleMean = ruleOnly.reduce((s, d) => s + d.liked, 0) / ruleOnly.length;
    expect(ruleMean).toBeGreaterThan(3);
    expect(ruleMean).toBeLessThan(7);
    // Before any feedback both posted the same first digest.
    expect(withLearning[0]?.shown).toEqual(ruleOnly[0]?.shown);
    const trained = learned.rankings.flatMap((r) => (r.trained ? [r.trained.trainMs] : []));
    console.log(
      `seed ${seed}: liked per digest, learned ${withLearning.map((d) => d.liked).join(' ')} | rules ${ruleOnly.map((d) => d.liked).join(' ')}; train ms ${trained.map((t) => t.toFixed(1)).join(' ')}`,
    );
  });

  it('a threshold drops papers the model is confident the channel will not want, and learn off restores the rule order', async () => {
    const { days, scenario } = stream(5, 7);
    const h = harness();
    const rules = harness({ learn: false });
    const channel = await h.channel('c1', [scenario.rule]);
    await rules.channel('c1', [scenario.rule]);
    await replayDays(h, days.slice(0, 5), true);
    await replayDays(rules, days.slice(0, 5), false);

    await h.stores.settings.update(channel.id, { threshold: 0.5 });
    const heldBefore = (await h.stores.deliveries.held(channel.id)).length;
    const [thresholded] = await replayDays(h, days.slice(5, 6), false);
    const last = h.rankings.at(-1);
    expect(last?.trained?.model.ready).toBe(true);
    expect(last?.dropped.length).toBeGreaterThan(5);
    const dislikedDropped = last?.dropped.filter((m) => !days[5]!.items.find((i) => i.paper.id === m.paper.id)?.liked).length ?? 0;
    expect(dislikedDropped / (last?.dropped.length ?? 1)).toBeGreaterThan(0.8);
    const planned = (await h.stores.deliveries.held(channel.id)).length - heldBefore + (thresholded?.shown.length ?? 0);
    expect(planned).toBe(30 - (last?.dropped.length ?? 0));

    await h.stores.settings.update(channel.id, { learn: false, threshold: null });
    await rules.stores.settings.update((await rules.stores.channels.find(REF(rules)))!.id, { learn: false });
    await replayDays(rules, days.slice(5, 6), false);
    const [off] = await replayDays(h, days.slice(6, 7), false);
    const [ruleDay] = await replayDays(rules, days.slice(6, 7), false);
    expect(off?.shown).toEqual(ruleDay?.shown);
  });
});
