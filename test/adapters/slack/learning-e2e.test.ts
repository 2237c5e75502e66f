import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../app/core.js';
import { runApp, type RunningApp } from '../../../app/run.js';
import { loadConfig } from '../../../src/config.js';
import { silentLogger } from '../../../src/log.js';
import { FakeSlack, type StoredMessage } from '../../support/fake-slack.js';
import { FakeSource } from '../../support/fake-source.js';
import { steppingClock } from '../../support/stepping-clock.js';
import { SECRET } from './helpers.js';
import { dayOfPapers, prng, topicWords, type Topic } from './learning-papers.js';
import { eventCallback, postToSlackEvents, slashCommand, type SignedPost } from './signed.js';

const DAYS = ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06'];
const CHANNEL = 'C1';
const paperIdOf = (m: StoredMessage): string | undefined => {
  const payload = (m.metadata as { event_payload?: Record<string, unknown> } | undefined)?.event_payload;
  return typeof payload?.paper_id === 'string' ? payload.paper_id : undefined;
};

describe('Learning from Slack reactions, end to end', () => {
  let app: RunningApp | null = null;
  let fake: FakeSlack | null = null;
  let dir = '';
  afterEach(async () => {
    await app?.stop();
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('after ~40 reactions liking one sub-topic of a rule and disliking the other, the digest leans to the liked one and why explains it', async () => {
    fake = (await FakeSlack.start()).setUser('U1');
    const slack = fake;
    dir = mkdtempSync(join(tmpdir(), 'paperboy-slack-learning-'));
    const clock = steppingClock(`${DAYS[0]}T09:00:00.000Z`);
    const rnd = prng(20261102);
    const source = new FakeSource('hf');
    const topicOf = new Map<string, Topic>();
    DAYS.forEach((day, n) => {
      const d = dayOfPapers(day, n + 1, 10, rnd);
      source.set(day, d.papers);
      for (const [id, t] of d.topicOf) topicOf.set(id, t);
    });
    const config = loadConfig({
      DATABASE_PATH: join(dir, 'db.sqlite'),
      PORT: '0',
      SLACK_BOT_TOKEN: slack.token,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      PAPERS_MAX_PER_DIGEST: '10',
    });
    const core: Core = await createCore({ config, logger: silentLogger(), sources: [source], clock });
    app = await runApp(core, { stdin: new PassThrough(), stdout: new PassThrough(), schedule: false });
    const base = `http://127.0.0.1:${app.httpPort}`;

    const signed = async (req: SignedPost): Promise<void> => {
      const res = await postToSlackEvents(base, { ...req, timestamp: Math.floor(clock.now().getTime() / 1000) });
      expect(res.status).toBe(200);
    };
    let responses = 0;
    /** The plain-text answer to a signed `/papers …`, as Slack shows it in notifications. */
    const command = async (text: string): Promise<string> => {
      const id = `r${++responses}`;
      await signed(
        slashCommand({
          command: '/papers',
          text,
          user_id: 'U1',
          user_name: 'ada',
          team_id: slack.teamId,
          channel_id: CHANNEL,
          channel_name: 'papers',
          response_url: slack.responseUrl(id),
          trigger_id: 't',
          api_app_id: 'A1',
        }),
      );
      await expect.poll(() => slack.responses.some((r) => r.id === id), { timeout: 10_000 }).toBe(true);
      const answer = slack.responses.find((r) => r.id === id)?.body.text;
      return typeof answer === 'string' ? answer : '';
    };
    let events = 0;
    const event = (e: Record<string, unknown>, eventId = `Ev${++events}`): Promise<void> => signed(eventCallback(e, eventId));
    const slackTs = (): string => (clock.now().getTime() / 1000).toFixed(6);
    const react = (user: string, reaction: string, post: StoredMessage, type = 'reaction_added', eventId?: string) =>
      event({ type, user, reaction, item_user: slack.botUserId, item: { type: 'message', channel: CHANNEL, ts: post.ts }, event_ts: slackTs() }, eventId);

    /** `/papers digest` on the given day; the paper posts it made, in channel order. */
    const digest = async (day: number): Promise<StoredMessage[]> => {
      if (day > 0) {
        clock.jumpTo(`${DAYS[day]}T09:00:00.000Z`);
        await core.digest.refresh();
      }
      const before = slack.posts(CHANNEL).length;
      await command('digest');
      return slack
        .posts(CHANNEL)
        .slice(before)
        .filter((m) => paperIdOf(m) !== undefined);
    };
    const topics = (posts: StoredMessage[]): Topic[] => posts.map((p) => topicOf.get(paperIdOf(p) ?? '') ?? ('?' as Topic));
    const ruleOrder = (day: number): string[] =>
      [...topicOf.keys()]
        .filter((id) => id.startsWith(`2599.${String(day + 1).padStart(2, '0')}`))
        .sort()
        .slice(0, 10);

    expect(await command('subscribe graph neural network')).toContain('graph neural network');

    // Day 0, no feedback yet: exactly the rule order, which alternates the sub-topics.
    const first = await digest(0);
    expect(first.map(paperIdOf)).toEqual(ruleOrder(0));
    expect(topics(first).filter((t) => t === 'molecules')).toHaveLength(5);

    const users = ['U1', 'U2', 'U3'];
    const liked = ['+1', 'star', 'bookmark', '+1::skin-tone-3'];
    let reactions = 0;
    const feedbackOn = async (posts: StoredMessage[]): Promise<void> => {
      for (const [i, post] of posts.entries()) {
        const topic = topicOf.get(paperIdOf(post) ?? '');
        await react(users[i % users.length] ?? 'U1', topic === 'molecules' ? (liked[i % liked.length] ?? '+1') : '-1', post);
        reactions += 1;
      }
    };
    const channelRow = async () => (await core.stores.channels.find({ platform: 'slack', workspaceId: slack.teamId, channelId: CHANNEL }))!;

    await feedbackOn(first);
    // Noise the product must see through: the bot's own 👍 on a disliked paper, a 👍 added and taken back, a
    // redelivered event, and a human reply in a liked paper's thread.
    const traffic = first.find((p) => topicOf.get(paperIdOf(p) ?? '') === 'traffic')!;
    const molecule = first.find((p) => topicOf.get(paperIdOf(p) ?? '') === 'molecules')!;
    await react(slack.botUserId, '+1', traffic);
    await react('U2', '+1', traffic, 'reaction_added', 'EvTAKEN');
    await react('U2', '+1', traffic, 'reaction_added', 'EvTAKEN');
    await react('U2', '+1', traffic, 'reaction_removed');
    await event({ type: 'message', channel: CHANNEL, user: 'U3', text: 'we should try this', ts: slackTs(), thread_ts: molecule.ts, event_ts: slackTs() });
    const row = await channelRow();
    await expect.poll(async () => (await core.stores.feedback.forChannel(row.id)).length, { timeout: 5000 }).toBe(12);
    const stored = await core.stores.feedback.forChannel(row.id);
    expect(stored.filter((e) => e.userId === slack.botUserId)).toEqual([]);
    expect(stored.filter((e) => e.removed).map((e) => [e.paperId, e.userId, e.emoji])).toEqual([[paperIdOf(traffic), 'U2', '+1']]);
    expect(stored.filter((e) => e.kind === 'reply').map((e) => e.paperId)).toEqual([paperIdOf(molecule)]);

    // Three more days of digests and reactions: 40 reactions in all.
    for (const day of [1, 2, 3]) {
      const posts = await digest(day);
      expect(posts).toHaveLength(10);
      await feedbackOn(posts);
    }
    expect(reactions).toBe(40);
    await expect.poll(async () => (await core.stores.feedback.forChannel(row.id)).length, { timeout: 5000 }).toBe(42);

    // The next digest: the same rule still matches both sub-topics equally, but the order follows the channel.
    const last = await digest(4);
    expect(last).toHaveLength(10);
    expect(last.map(paperIdOf)).not.toEqual(ruleOrder(4));
    expect(topics(last).filter((t) => t === 'molecules').length).toBeGreaterThanOrEqual(8);
    expect(topics(last).slice(0, 5)).toEqual(['molecules', 'molecules', 'molecules', 'molecules', 'molecules']);

    // why names the model's reasons: papers the channel liked, and the terms that count.
    const top = paperIdOf(last[0]!)!;
    const why = await command(`why ${top}`);
    expect(why).toMatch(/Learned score: \d+% likely/);
    const similar = /Like papers you liked: (.*)/.exec(why)?.[1] ?? '';
    const similarIds = [...similar.matchAll(/\((2599\.\d{5})\)/g)].map((m) => m[1] ?? '');
    expect(similarIds.length).toBeGreaterThan(0);
    expect(similarIds.every((id) => topicOf.get(id) === 'molecules')).toBe(true);
    // The terms that count are the liked sub-topic's words (or its authors), never only the disliked one's.
    const terms = (/Terms that count for it: (.*)/.exec(why)?.[1] ?? '').split(', ').map((t) => t.replace(/^author /, '').replace(/[“”]/g, ''));
    const [mol, trf] = [topicWords('molecules'), topicWords('traffic')];
    const only = (mine: Set<string>, other: Set<string>) => (term: string) => term.split(/[^a-z0-9]+/).some((w) => mine.has(w) && !other.has(w));
    expect(terms.some(only(mol, trf)), terms.join(' | ')).toBe(true);
    expect(terms.filter(only(trf, mol))).toEqual([]);

    // The weekly recap links each discussed paper's thread with Slack's own permalink (the workspace's URL).
    const before = slack.posts(CHANNEL).length;
    expect(await core.recaps.post(row, await core.stores.settings.get(row.id), 'e2e-week')).toBe(true);
    const recap = slack.posts(CHANNEL).slice(before);
    expect(recap).toHaveLength(1);
    const links = [...JSON.stringify(recap[0]?.blocks ?? []).matchAll(/<(https:\/\/[^|>]+)\|/g)].map((m) => m[1] ?? '');
    expect(links.length).toBeGreaterThan(0);
    expect(links.every((l) => l.startsWith(`https://fake-workspace.slack.com/archives/${CHANNEL}/p`))).toBe(true);
    expect(slack.callsTo('chat.getPermalink')).toHaveLength(links.length);
  }, 60_000);
});
