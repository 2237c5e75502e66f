import { ChannelType, Routes } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { globalShare } from '../../../adapters/discord/index.js';
import { createRest } from '../../../adapters/discord/rest.js';
import { loadConfig } from '../../../src/config.js';
import { FakeDiscord } from '../../support/fake-discord.js';

/** Three workers' REST clients, each asking for `each` channels at once, as a digest across many channels does. */
async function threeWorkers(fake: FakeDiscord, perSecond: number | undefined, each: number): Promise<void> {
  const channels = Array.from({ length: 3 * each }, () => fake.addChannel({ type: ChannelType.GuildText }).id);
  await Promise.all(
    [0, 1, 2].map((w) => {
      const rest = createRest(fake.token, fake.api, perSecond);
      return Promise.all(channels.slice(w * each, (w + 1) * each).map((id) => rest.get(Routes.channel(id))));
    }),
  );
}

describe("Discord's global limit across workers (50 requests/s per bot)", () => {
  let fake: FakeDiscord | null = null;
  afterEach(async () => {
    await fake?.stop();
  });

  it('PAPERBOY_WORKERS=3 gives each worker a share: three busy workers together stay under the limit', async () => {
    const share = globalShare(loadConfig({ PAPERBOY_WORKERS: '3' }).PAPERBOY_WORKERS);
    expect(share * 3).toBeLessThanOrEqual(50);
    expect(globalShare(loadConfig({}).PAPERBOY_WORKERS)).toBe(50);
    fake = await new FakeDiscord().start();
    // Twice a share each: every worker has to hold half of its requests for its next second.
    await threeWorkers(fake, share, 2 * share);
    expect(fake.rateLimited.filter((r) => r.global)).toEqual([]);
    expect(fake.peakPerSecond).toBeLessThanOrEqual(50);
  });

  it('without shares, three workers each using the whole limit run into the global 429', async () => {
    fake = await new FakeDiscord().start();
    await threeWorkers(fake, undefined, 30);
    expect(fake.rateLimited.some((r) => r.global)).toBe(true);
  });
});
