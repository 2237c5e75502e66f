import { ChannelType } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChannelCache } from '../../../adapters/discord/channels.js';
import { createFeedbackCollector, FEEDBACK_LIMITS } from '../../../adapters/discord/feedback-rest.js';
import { createDiscordPort } from '../../../adapters/discord/port.js';
import { createRest } from '../../../adapters/discord/rest.js';
import type { PostedPaper } from '../../../src/chat/port.js';
import { fixedClock } from '../../../src/clock.js';
import { silentLogger } from '../../../src/log.js';
import { FakeDiscord } from '../../support/fake-discord.js';
import { person, react, unicode } from '../../support/fake-discord-feedback.js';
import { discordChannel, key, paperMessage } from './helpers.js';
import { APP_ID } from './interaction-fixtures.js';

/*
 * Issue #11, point 6: in HTTP-interactions mode each /papers digest read its
 * channel's feedback over REST first (up to ~240 calls). Reads of a channel
 * are now shared and paced: a burst of digests reads once.
 */
let fake: FakeDiscord;
const clock = fixedClock('2026-03-10T09:00:00.000Z');

beforeEach(async () => {
  fake = await new FakeDiscord().start();
});
afterEach(() => fake.stop());

async function channelWithPosts(n: number): Promise<{ channelId: string; posts: PostedPaper[] }> {
  const port = createDiscordPort({ rest: createRest(fake.token, fake.api), logger: silentLogger() });
  const ch = fake.addChannel({ type: ChannelType.GuildText });
  const posts: PostedPaper[] = [];
  for (let i = 0; i < n; i += 1) {
    const sent = await port.send(discordChannel(ch.id), paperMessage({ id: `2599.0000${i}` }), { idempotencyKey: key(), maybeSent: false });
    posts.push({ paperId: `2599.0000${i}`, messageId: sent.messageId, threadId: sent.threadId ?? '' });
    react(fake, sent.messageId, person(1), unicode('👍'));
  }
  return { channelId: ch.id, posts };
}

const reads = () => fake.calls.filter((c) => c.method === 'GET').length;

describe('Discord feedback reads are shared and paced', () => {
  it('five digests at once read the channel once; another within ten minutes reads nothing; later it reads again', async () => {
    const { channelId, posts } = await channelWithPosts(3);
    const rest = createRest(fake.token, fake.api);
    const collect = createFeedbackCollector({ rest, channels: new ChannelCache(rest), logger: silentLogger(), clock, botUserIds: new Set([APP_ID]) });
    const before = reads();
    const results = await Promise.all(Array.from({ length: 5 }, () => collect(discordChannel(channelId), posts)));
    const once = reads() - before;
    // One channel read: the channel, then per post its message, its reactions and its thread.
    expect(once).toBe(1 + 3 * 3);
    for (const r of results) expect(r.snapshot.map((s) => s.userId)).toEqual([person(1).id, person(1).id, person(1).id]);
    clock.advance(FEEDBACK_LIMITS.reuseMs - 1000);
    await collect(discordChannel(channelId), posts);
    expect(reads() - before).toBe(once);
    clock.advance(2000);
    await collect(discordChannel(channelId), posts);
    expect(reads() - before).toBe(2 * once - 1);
  });

  it('paces every read through the shared throttle', async () => {
    const { channelId, posts } = await channelWithPosts(2);
    const rest = createRest(fake.token, fake.api);
    const spacings: number[] = [];
    const throttle = {
      run: <T>(ms: number, fn: () => Promise<T>) => {
        spacings.push(ms);
        return fn();
      },
    };
    const collect = createFeedbackCollector({ rest, channels: new ChannelCache(rest), logger: silentLogger(), clock, botUserIds: new Set([APP_ID]), throttle });
    const before = reads();
    await collect(discordChannel(channelId), posts);
    // Every read but the channel lookup (cached by the port for an hour) went through it.
    expect(spacings.length).toBe(reads() - before - 1);
    expect(new Set(spacings)).toEqual(new Set([FEEDBACK_LIMITS.spacingMs]));
  });
});
