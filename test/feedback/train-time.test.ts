import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/clock.js';
import { createChannelLearning } from '../../src/feedback/learning.js';
import { loadBackgroundSentences } from '../../src/learn/eval/background.js';
import { generateStream } from '../../src/learn/eval/generator.js';
import { TermCache } from '../../src/learn/terms.js';
import { openSqliteStores } from '../../src/store/sqlite/index.js';

describe('training cost', () => {
  it('a channel with 180 days of posts and ~1100 reactions retrains from the store well under a second', async () => {
    const stores = openSqliteStores(':memory:');
    try {
      const { days } = generateStream({ seed: 4, days: 181, perDay: 10, background: loadBackgroundSentences(), startDay: '2025-09-01' });
      const channelId = (await stores.channels.ensure({ platform: 'slack', workspaceId: 'W1', channelId: 'c1' }, '2025-09-01T00:00:00.000Z')).id;
      let reactions = 0;
      for (const [d, batch] of days.slice(0, 180).entries()) {
        const at = `${batch.day}T08:00:00.000Z`;
        await stores.papers.upsertMany(
          batch.items.map((i) => i.paper),
          at,
        );
        for (const [k, item] of batch.items.entries()) {
          await stores.threads.record({ channelId, paperId: item.paper.id, messageId: `m${d}-${k}`, threadId: `m${d}-${k}`, createdAt: at });
          // The team reacts to about 60% of posts.
          if ((d * 10 + k) % 5 < 3) {
            reactions += 1;
            await stores.feedback.record({
              eventKey: `e${d}-${k}`,
              channelId,
              paperId: item.paper.id,
              userId: `U${k % 4}`,
              kind: 'reaction',
              emoji: item.liked ? '+1' : '-1',
              removed: false,
              at: `${batch.day}T12:00:00.000Z`,
            });
          }
        }
      }
      const today = days[180]!;
      const learning = createChannelLearning({ stores, clock: fixedClock(`${today.day}T08:00:00.000Z`), cache: new TermCache() });
      const settings = await stores.settings.get(channelId);
      const corpus = today.items.map((i) => i.paper);

      const cold = await learning.train(channelId, settings, corpus);
      const warmRuns: number[] = [];
      for (let i = 0; i < 3; i++) warmRuns.push((await learning.train(channelId, settings, corpus))!.trainMs);
      const warm = Math.min(...warmRuns);
      console.log(
        `180 days, ${cold?.labels.length} labels (${reactions} reactions): cold ${cold?.trainMs.toFixed(0)} ms, warm ${warm.toFixed(0)} ms (runs ${warmRuns.map((t) => t.toFixed(0)).join(', ')})`,
      );

      expect(cold?.labels.length).toBe(1800);
      expect(cold?.model.ready).toBe(true);
      // The model learned the hidden preference: a liked paper of today outscores a disliked one on average.
      const p = (liked: boolean) => today.items.filter((i) => i.liked === liked).map((i) => cold!.model.probability(i.paper));
      const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
      expect(mean(p(true))).toBeGreaterThan(mean(p(false)));
      expect(warm).toBeLessThan(1000);
    } finally {
      await stores.close();
    }
  }, 60_000);
});
