import { ChannelType, GatewayDispatchEvents } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadBackgroundSentences } from '../../../src/learn/eval/background.js';
import { generateStream, type DayBatch } from '../../../src/learn/eval/generator.js';
import { FakeDiscord } from '../../support/fake-discord.js';
import { person, react, say, unicode, unreact, type Dispatch } from '../../support/fake-discord-feedback.js';
import { pipelineHarness, type PipelineHarness } from '../../support/pipeline.js';
import { GUILD } from './helpers.js';
import { learningDiscord, type LearningDiscord } from './learning-harness.js';

/*
 * Issue #6 end to end on Discord: a team reacts to the bot's paper posts in
 * the fake Discord (👍 on one sub-topic of an over-broad rule, 👎 on the
 * other), the real adapter brings the reactions in (read over REST before each
 * digest in HTTP-interactions mode, or as gateway dispatches), the real
 * pipeline learns from them, and the next digests change order; /papers why in
 * a paper's thread gives the model's reasons.
 */

const background = loadBackgroundSentences();
let fake: FakeDiscord;
let open: { close(): Promise<void> }[] = [];

beforeEach(async () => {
  fake = await new FakeDiscord().start();
});
afterEach(async () => {
  for (const o of open) await o.close();
  open = [];
  await fake.stop();
});

/** Paper ids in the order the bot posted them today, read back from the embeds' footers ("arXiv 2599.00001 · …"). */
function postedIds(since: number): { ids: string[]; messages: string[] } {
  const posts = fake.messages.slice(since).filter((m) => m.embeds.length > 0);
  const ids = posts.map((m) => /arXiv (\S+)/.exec(String((m.embeds[0]?.footer as { text?: string } | undefined)?.text))?.[1] ?? '?');
  return { ids, messages: posts.map((m) => m.id) };
}

interface Day {
  shown: string[];
  liked: number;
  reactionsBefore: number;
}

const team = [person(1), person(2), person(3)];

/**
 * Each day: the papers arrive and the scheduled digest posts 10; then one of
 * the team reacts to each post, 👍 if it is from the liked sub-topic and 👎 if
 * not; the bot's own 👍 sits on the liked ones (it must not count), and
 * someone replies in the first liked paper's thread.
 */
async function replay(
  h: LearningDiscord,
  days: readonly DayBatch[],
  deliver: (d: Dispatch) => void,
  settle: (people: number) => Promise<void> = async () => undefined,
): Promise<Day[]> {
  const liked = new Map(days.flatMap((d) => d.items.map((i) => [i.paper.id, i.liked] as const)));
  const out: Day[] = [];
  let reactions = 0;
  let people = 0;
  for (const d of days) {
    h.clock.set(`${d.day}T08:00:00.000Z`);
    h.source.set(
      d.day,
      d.items.map((i) => i.paper),
    );
    const since = fake.messages.length;
    await h.digest.runCycle();
    const { ids, messages } = postedIds(since);
    out.push({ shown: ids, liked: ids.filter((id) => liked.get(id)).length, reactionsBefore: reactions });
    h.clock.set(`${d.day}T10:00:00.000Z`);
    let replied = false;
    ids.forEach((id, k) => {
      const messageId = messages[k] ?? '';
      const member = team[k % team.length] ?? team[0]!;
      const good = liked.get(id) === true;
      deliver(react(fake, messageId, member, unicode(good ? '👍' : '👎')));
      reactions += 1;
      people += 1;
      if (good) deliver(react(fake, messageId, fake.botUser, unicode('👍')));
      // The thread on a text-channel post has the post's id.
      if (good && !replied) {
        deliver(say(fake, messageId, team[(k + 1) % team.length]!, 'worth a read'));
        replied = true;
        people += 1;
      }
    });
    await settle(people);
  }
  return out;
}

async function ruleOnly(rule: string, days: readonly DayBatch[]): Promise<string[][]> {
  const base: PipelineHarness = await pipelineHarness({ now: '2026-01-01T08:00:00.000Z' });
  open.push(base);
  await base.channel('c1', [rule]);
  const shown: string[][] = [];
  for (const d of days) {
    base.clock.set(`${d.day}T08:00:00.000Z`);
    base.source.set(
      d.day,
      d.items.map((i) => i.paper),
    );
    const before = base.port.papersSent().length;
    await base.digest.runCycle();
    shown.push(base.port.papersSent().slice(before));
  }
  return shown;
}

function stream(seed: number) {
  return generateStream({ seed, days: 8, perDay: 30, equalUpvotes: true, balanced: true, background, startDay: '2026-01-01' });
}

async function checkLearned(h: LearningDiscord, days: readonly DayBatch[], learned: Day[], rule: string): Promise<void> {
  const rules = await ruleOnly(rule, days);
  const likedSet = new Set(days.flatMap((d) => d.items.filter((i) => i.liked).map((i) => i.paper.id)));
  // No feedback yet: exactly the rule order.
  expect(learned[0]?.shown).toHaveLength(10);
  expect(learned[0]?.shown).toEqual(rules[0]);
  const after = learned.filter((d) => d.reactionsBefore >= 40);
  expect(after.length).toBeGreaterThanOrEqual(3);
  for (const d of after) expect(d.liked, `liked per digest: ${learned.map((x) => x.liked).join(' ')}`).toBeGreaterThanOrEqual(8);
  const ruleMean = rules.reduce((s, r) => s + r.filter((id) => likedSet.has(id)).length, 0) / rules.length;
  expect(ruleMean).toBeGreaterThan(3);
  expect(ruleMean).toBeLessThan(7);

  // Only the team's reactions and reply were stored: the bot's 👍 was left out.
  const channel = await h.stores.channels.find({ platform: 'discord', workspaceId: GUILD, channelId: h.channel.id });
  const events = await h.stores.feedback.forChannel(channel?.id ?? -1);
  expect(events.length).toBeGreaterThanOrEqual(40);
  expect(events.some((e) => e.userId === fake.botUser.id)).toBe(false);
  expect(events.some((e) => e.kind === 'reply')).toBe(true);

  // /papers why inside the thread of the last digest's first paper explains the learned side.
  const last = postedIds(0);
  const thread = last.messages.at(-10) ?? '';
  const why = await h.command('why', { channel: { id: thread, type: ChannelType.PublicThread, parent_id: h.channel.id } });
  expect(why).toContain(last.ids.at(-10) ?? '?');
  expect(why).toMatch(/Learned score: \d+% likely/);
  expect(why).toMatch(/Like papers you liked: /);
  expect(why).toMatch(/Terms that count for it: /);
}

describe('Discord learning end to end', () => {
  it('HTTP-interactions mode: reactions read over REST before each digest reorder the next digests, and why explains it', async () => {
    const { days, scenario } = stream(1);
    const h = await learningDiscord(fake, 'http', '2026-01-01T07:00:00.000Z');
    open.push(h);
    expect(await h.command('subscribe', { options: { rule: scenario.rule } })).toContain(scenario.rule);
    // Reactions only change the fake's state; no events arrive in this mode.
    const learned = await replay(h, days, () => undefined);
    expect(fake.callsTo('GET', `/channels/${h.channel.id}/messages/`).length).toBeGreaterThan(0);
    await checkLearned(h, days, learned, scenario.rule);
  }, 120_000);

  it('gateway mode: reaction and message dispatches reach the recorder and reorder the next digests', async () => {
    const { days, scenario } = stream(2);
    const h = await learningDiscord(fake, 'gateway', '2026-01-01T07:00:00.000Z');
    open.push(h);
    expect(await h.command('subscribe', { options: { rule: scenario.rule } })).toContain(scenario.rule);
    const pending: Dispatch[] = [];
    const learned = await replay(
      h,
      days,
      (x) => {
        pending.push(x);
        const t = x.t === 'MESSAGE_CREATE' ? GatewayDispatchEvents.MessageCreate : GatewayDispatchEvents.MessageReactionAdd;
        h.running.client?.ws.emit(t, x.d, 0);
      },
      async (people) => {
        // Dispatches are reported asynchronously: the day's events are in before the next digest.
        const channel = await h.stores.channels.find({ platform: 'discord', workspaceId: GUILD, channelId: h.channel.id });
        for (let i = 0; i < 300 && (await h.stores.feedback.forChannel(channel?.id ?? -1)).length < people; i += 1) await new Promise((r) => setTimeout(r, 10));
      },
    );
    // Nothing was read over REST: the events came by the gateway.
    expect(fake.callsTo('GET', `/channels/${h.channel.id}/messages/`)).toEqual([]);
    expect(pending.length).toBeGreaterThan(80);
    await checkLearned(h, days, learned, scenario.rule);
  }, 120_000);

  it('HTTP-interactions mode: a reaction taken back before the next digest is stored as removed; one added later is stored', async () => {
    const { days, scenario } = stream(3);
    const h = await learningDiscord(fake, 'http', '2026-01-01T07:00:00.000Z');
    open.push(h);
    await h.command('subscribe', { options: { rule: scenario.rule } });
    const [d0, d1, d2] = days as [DayBatch, DayBatch, DayBatch];
    const digestOn = async (d: DayBatch) => {
      h.clock.set(`${d.day}T08:00:00.000Z`);
      h.source.set(
        d.day,
        d.items.map((i) => i.paper),
      );
      await h.digest.runCycle();
    };
    const [ada, bob] = team as [ReturnType<typeof person>, ReturnType<typeof person>];
    await digestOn(d0);
    const [first, second] = postedIds(0).messages as [string, string];
    react(fake, first, ada, unicode('👍'));
    react(fake, second, bob, unicode('👎'));
    await digestOn(d1);
    const channel = await h.stores.channels.find({ platform: 'discord', workspaceId: GUILD, channelId: h.channel.id });
    const live = async () =>
      (await h.stores.feedback.forChannel(channel?.id ?? -1))
        .filter((e) => !e.removed)
        .map((e) => e.eventKey)
        .sort();
    expect(await live()).toEqual([`${first}:${ada.id}:👍`, `${second}:${bob.id}:👎`].sort());

    unreact(fake, first, ada, unicode('👍'));
    react(fake, second, ada, unicode('⭐'));
    await digestOn(d2);
    expect(await live()).toEqual([`${second}:${ada.id}:⭐`, `${second}:${bob.id}:👎`].sort());
    const removed = (await h.stores.feedback.forChannel(channel?.id ?? -1)).filter((e) => e.removed).map((e) => e.eventKey);
    expect(removed).toContain(`${first}:${ada.id}:👍`);
  }, 60_000);
});
