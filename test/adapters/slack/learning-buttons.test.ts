import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../app/core.js';
import { runApp } from '../../../app/run.js';
import { loadConfig } from '../../../src/config.js';
import { DEFAULT_EMOJI, labelsFromEvents } from '../../../src/learn/feedback.js';
import { silentLogger } from '../../../src/log.js';
import { FakeSlack, type StoredMessage } from '../../support/fake-slack.js';
import { FakeSource } from '../../support/fake-source.js';
import { steppingClock } from '../../support/stepping-clock.js';
import { SECRET } from './helpers.js';
import { dayOfPapers, prng, type Topic } from './learning-papers.js';
import { eventCallback, interaction, postToSlackEvents, slashCommand, type SignedPost } from './signed.js';

const DAYS = ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06'];
const CHANNEL = 'C1';
const paperIdOf = (m: StoredMessage): string => String((m.metadata as { event_payload?: { paper_id?: string } }).event_payload?.paper_id ?? '');

type Mode = 'reactions' | 'buttons';

/**
 * The learning replay of learning-e2e.test.ts, run through the real app: four
 * days of digests where the team likes one sub-topic and not the other, told
 * either with 👍/👎 reactions or with the Relevant / Not for us buttons
 * (including a vote taken back and one changed, each the way that medium
 * does it). Returns the fifth day's digest order and the channel's labels.
 */
async function replay(mode: Mode): Promise<{ last: string[]; topicOf: Map<string, Topic>; labels: string[] }> {
  const slack = (await FakeSlack.start()).setUser('U1');
  const dir = mkdtempSync(join(tmpdir(), `paperboy-learning-${mode}-`));
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
  const core = await createCore({ config, logger: silentLogger(), sources: [source], clock });
  const app = await runApp(core, { stdin: new PassThrough(), stdout: new PassThrough(), schedule: false });
  try {
    const base = `http://127.0.0.1:${app.httpPort}`;
    const signed = async (req: SignedPost): Promise<void> => {
      const res = await postToSlackEvents(base, { ...req, timestamp: Math.floor(clock.now().getTime() / 1000) });
      expect(res.status).toBe(200);
    };
    let responses = 0;
    const answered = async (id: string) => expect.poll(() => slack.responses.some((r) => r.id === id), { timeout: 10_000 }).toBe(true);
    const command = async (text: string): Promise<void> => {
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
          trigger_id: slack.surfaces.issueTrigger(),
          api_app_id: 'A1',
        }),
      );
      await answered(id);
    };
    let events = 0;
    const slackTs = (): string => (clock.now().getTime() / 1000).toFixed(6);
    const react = (user: string, reaction: string, post: StoredMessage, type = 'reaction_added') =>
      signed(
        eventCallback(
          { type, user, reaction, item_user: slack.botUserId, item: { type: 'message', channel: CHANNEL, ts: post.ts }, event_ts: slackTs() },
          `Ev${++events}`,
        ),
      );
    const press = async (user: string, action: 'relevant' | 'not-for-us', post: StoredMessage): Promise<void> => {
      const id = `r${++responses}`;
      await signed(
        interaction({
          type: 'block_actions',
          user: { id: user, username: user, team_id: slack.teamId },
          team: { id: slack.teamId, domain: 'fake' },
          api_app_id: 'A1',
          container: { type: 'message', message_ts: post.ts, channel_id: CHANNEL, is_ephemeral: false },
          channel: { id: CHANNEL, name: 'papers' },
          trigger_id: slack.surfaces.issueTrigger(),
          response_url: slack.responseUrl(id),
          actions: [{ type: 'button', action_id: `paperboy:paper:${action}`, block_id: 'paperboy:paper', value: paperIdOf(post), action_ts: slackTs() }],
        }),
      );
      await answered(id);
    };
    /** One person's opinion of a post, in the medium under test. */
    const like = (user: string, post: StoredMessage) => (mode === 'reactions' ? react(user, '+1', post) : press(user, 'relevant', post));
    const dislike = (user: string, post: StoredMessage) => (mode === 'reactions' ? react(user, '-1', post) : press(user, 'not-for-us', post));
    /** Taking a like back: the reaction removed, or the same button pressed again. */
    const unlike = (user: string, post: StoredMessage) => (mode === 'reactions' ? react(user, '+1', post, 'reaction_removed') : press(user, 'relevant', post));
    /** Changing a like to a dislike: 👍 removed and 👎 added, or the other button pressed. */
    const switchToDislike = async (user: string, post: StoredMessage) => {
      if (mode === 'reactions') {
        await react(user, '+1', post, 'reaction_removed');
        await react(user, '-1', post);
      } else await press(user, 'not-for-us', post);
    };

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
        .filter((m) => paperIdOf(m) !== '');
    };

    await command('subscribe graph neural network');
    const users = ['U1', 'U2', 'U3'];
    for (const day of [0, 1, 2, 3]) {
      const posts = await digest(day);
      expect(posts).toHaveLength(10);
      for (const [i, post] of posts.entries()) {
        const user = users[i % users.length] ?? 'U1';
        if (topicOf.get(paperIdOf(post)) === 'molecules') await like(user, post);
        else await dislike(user, post);
      }
      // U4 changes their mind twice a day: a like taken back, and a like turned into a dislike.
      await like('U4', posts[0]!);
      await unlike('U4', posts[0]!);
      await like('U4', posts[1]!);
      await switchToDislike('U4', posts[1]!);
    }
    const row = (await core.stores.channels.find({ platform: 'slack', workspaceId: slack.teamId, channelId: CHANNEL }))!;
    const posted = (await core.stores.threads.postedIn(row.id)).map((t) => t.paperId);
    const labels = labelsFromEvents(await core.stores.feedback.forChannel(row.id), posted, DEFAULT_EMOJI).map(
      (l) => `${l.paperId}:${l.kind}:${l.up}/${l.down}/${l.replies}:${l.weight}`,
    );
    const last = (await digest(4)).map(paperIdOf);
    return { last, topicOf, labels };
  } finally {
    await app.stop();
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('Relevant / Not for us move the channel’s model exactly as 👍 / 👎 do', () => {
  it('the same team telling the same things with buttons instead of reactions gets the same labels and the same next digest', async () => {
    const byReactions = await replay('reactions');
    const byButtons = await replay('buttons');
    expect(byButtons.labels).toEqual(byReactions.labels);
    // Not a trivial agreement: both told the model plenty of likes and dislikes.
    expect(byButtons.labels.filter((l) => l.includes(':positive:')).length).toBeGreaterThanOrEqual(15);
    expect(byButtons.labels.filter((l) => l.includes(':negative:')).length).toBeGreaterThanOrEqual(5);
    expect(byButtons.last).toEqual(byReactions.last);
    // And that order is the learned one, not the rules': the liked sub-topic leads.
    const topics = byButtons.last.map((id) => byButtons.topicOf.get(id));
    expect(topics.filter((t) => t === 'molecules').length).toBeGreaterThanOrEqual(8);
    expect(topics.slice(0, 5)).toEqual(['molecules', 'molecules', 'molecules', 'molecules', 'molecules']);
  }, 120_000);
});
