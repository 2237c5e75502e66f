import { describe, expect, it } from 'vitest';
import { createChannelLearning } from '../../src/feedback/learning.js';
import { makePaper } from '../support/papers.js';
import { CHANNEL, codes, harness, NOW, text } from './harness.js';

describe('/papers learn', () => {
  it('shows, turns off and on; anything else is refused and changes nothing', async () => {
    const h = harness();
    expect(text(await h.run('learn'))).toMatch(/Learning is on here: .* 👍 ⭐ 🔖 and replies .* 👎 moves/);
    await h.run('emoji positive rocket');
    expect(text(await h.run('learn'))).toMatch(/rocket and replies/);
    expect((await h.run('learn off')).ok).toBe(true);
    expect((await h.stores.settings.get(await h.channelId())).learn).toBe(false);
    for (const bad of ['learn maybe', 'learn on now', 'learn 1']) {
      const r = await h.run(bad);
      expect(r.ok, bad).toBe(false);
      expect(codes(r)).toContain('/papers learn on');
    }
    expect((await h.stores.settings.get(await h.channelId())).learn).toBe(false);
    expect(text(await h.run('learn'))).toMatch(/Learning is off/);
    await h.run('LEARN ON');
    expect((await h.stores.settings.get(await h.channelId())).learn).toBe(true);
  });

  it('needs manage rights to change, not to read', async () => {
    const h = harness();
    expect((await h.run('learn off', { canManage: false })).ok).toBe(false);
    expect((await h.stores.settings.get(await h.channelId())).learn).toBe(true);
    expect((await h.run('learn', { canManage: false })).ok).toBe(true);
  });
});

describe('/papers threshold', () => {
  it.each([
    ['threshold 0.4', 0.4],
    ['threshold .35', 0.35],
    ['threshold 0,5', 0.5],
    ['threshold 1', 1],
    ['threshold 0', 0],
  ])('%s sets %d', async (cmd, value) => {
    const h = harness();
    expect((await h.run(cmd)).ok).toBe(true);
    expect((await h.stores.settings.get(await h.channelId())).threshold).toBe(value);
  });

  it.each(['threshold 2', 'threshold -0.1', 'threshold 1.5', 'threshold abc', 'threshold 0.4 0.5', 'threshold 40%', 'threshold NaN', 'threshold 1e-1'])(
    '%s is refused and changes nothing',
    async (cmd) => {
      const h = harness();
      await h.run('threshold 0.3');
      const r = await h.run(cmd);
      expect(r.ok).toBe(false);
      expect(codes(r)).toContain('/papers threshold 0.4');
      expect((await h.stores.settings.get(await h.channelId())).threshold).toBe(0.3);
    },
  );

  it('off clears it; the bare command shows it; non-managers cannot set it', async () => {
    const h = harness();
    await h.run('threshold 0.45');
    expect(text(await h.run('threshold'))).toMatch(/Threshold 0.45/);
    await h.run('threshold off');
    expect((await h.stores.settings.get(await h.channelId())).threshold).toBeNull();
    expect((await h.run('threshold 0.2', { canManage: false })).ok).toBe(false);
    expect((await h.stores.settings.get(await h.channelId())).threshold).toBeNull();
  });
});

describe('/papers recap', () => {
  it('on alone is Friday 16:00; on with a day and time sets both; the first recap waits for the next slot', async () => {
    const h = harness();
    expect(text(await h.run('recap'))).toMatch(/No weekly recap/);
    await h.run('recap on');
    expect(await h.stores.settings.get(await h.channelId())).toMatchObject({ recapEnabled: true, recapWeekday: 5, recapTime: '16:00', lastRecapAt: NOW });
    expect(text(await h.run('recap on mon 9:30'))).toMatch(/Mondays at 09:30 \(UTC\)/);
    expect(await h.stores.settings.get(await h.channelId())).toMatchObject({ recapWeekday: 1, recapTime: '09:30' });
    expect(text(await h.run('recap'))).toMatch(/Weekly recap on Mondays at 09:30/);
    await h.run('recap off');
    expect((await h.stores.settings.get(await h.channelId())).recapEnabled).toBe(false);
  });

  it.each(['recap at 25:00', 'recap on fri 25:00', 'recap on funday 10:00', 'recap on fri sat', 'recap on 10:00 11:00', 'recap off now', 'recap maybe'])(
    '%s is refused and changes nothing',
    async (cmd) => {
      const h = harness();
      await h.run('recap on tue 10:00');
      const r = await h.run(cmd);
      expect(r.ok).toBe(false);
      expect(await h.stores.settings.get(await h.channelId())).toMatchObject({ recapEnabled: true, recapWeekday: 2, recapTime: '10:00' });
    },
  );

  it('needs manage rights to change', async () => {
    const h = harness();
    expect((await h.run('recap on', { canManage: false })).ok).toBe(false);
    expect((await h.stores.settings.get(await h.channelId())).recapEnabled).toBe(false);
  });
});

describe('/papers emoji', () => {
  it('shows the defaults, sets a list (Slack names without colons), refuses a reaction in both lists, resets', async () => {
    const h = harness();
    expect(text(await h.run('emoji'))).toMatch(/Liked: 👍 ⭐ 🔖.*\(default\)/);
    expect((await h.run('emoji positive :rocket: 🚀 👍🏽')).ok).toBe(true);
    expect((await h.stores.settings.get(await h.channelId())).positiveEmoji).toEqual(['rocket', '🚀', '👍']);
    const both = await h.run('emoji negative 🚀');
    expect(both.ok).toBe(false);
    expect((await h.stores.settings.get(await h.channelId())).negativeEmoji).toBeNull();
    expect((await h.run('emoji positive')).ok).toBe(false);
    expect((await h.run('emoji sideways 👍')).ok).toBe(false);
    await h.run('emoji reset');
    expect((await h.stores.settings.get(await h.channelId())).positiveEmoji).toBeNull();
  });
});

describe('/papers why with a learned model', () => {
  it('adds the liked papers it resembles and the terms that count, once the model is ready', async () => {
    const h = harness({ learning: (stores, clock) => createChannelLearning({ stores, clock, graceMs: 0 }) });
    const channelId = await h.channelId();
    await h.stores.rules.add(channelId, 'diffusion', 'U-ADA', NOW);
    const liked = Array.from({ length: 6 }, (_, i) =>
      makePaper({ title: `Protein design with diffusion ${i}`, abstract: 'Diffusion for protein design and molecule generation, binding affinity.' }),
    );
    const disliked = Array.from({ length: 4 }, (_, i) =>
      makePaper({ title: `Image generation with diffusion ${i}`, abstract: 'Diffusion for text to image generation and video synthesis.' }),
    );
    const target = makePaper({ title: 'Diffusion for protein design at scale', abstract: 'We apply diffusion to protein design and binding affinity.' });
    await h.addPapers([...liked, ...disliked, target]);

    const before = await h.run(`why ${target.id}`);
    expect(text(before)).not.toMatch(/Learn/);

    for (const [i, p] of [...liked, ...disliked].entries()) {
      await h.stores.threads.record({ channelId, paperId: p.id, messageId: `m${i}`, threadId: `m${i}`, createdAt: '2026-03-09T07:00:00.000Z' });
      await h.stores.feedback.record({
        eventKey: `e${i}`,
        channelId,
        paperId: p.id,
        userId: 'U-BOB',
        kind: 'reaction',
        emoji: i < liked.length ? '+1' : '-1',
        removed: false,
        at: '2026-03-09T09:00:00.000Z',
      });
    }
    const r = await h.run(`why ${target.id}`);
    const t = text(r);
    expect(t).toMatch(/Learned score: \d+% likely/);
    expect(t).toMatch(/Like papers you liked: Protein design with diffusion/);
    expect(t).toMatch(/Terms that count for it: .*protein/);
    expect(t).not.toMatch(/Image generation/);

    await h.run('learn off');
    expect(text(await h.run(`why ${target.id}`))).not.toMatch(/Learned score/);
    expect(CHANNEL.platform).toBe('slack');
  });

  it('says the model is still learning when there is some feedback but not enough', async () => {
    const h = harness({ learning: (stores, clock) => createChannelLearning({ stores, clock }) });
    const channelId = await h.channelId();
    await h.stores.rules.add(channelId, 'diffusion', 'U-ADA', NOW);
    const p = makePaper({ title: 'Diffusion things', abstract: 'Diffusion.' });
    await h.addPapers([p]);
    await h.stores.feedback.record({
      eventKey: 'e1',
      channelId,
      paperId: p.id,
      userId: 'U-BOB',
      kind: 'reaction',
      emoji: '+1',
      removed: false,
      at: '2026-03-09T09:00:00.000Z',
    });
    expect(text(await h.run(`why ${p.id}`))).toMatch(/not enough feedback yet \(1 liked, 0 not\)/);
  });
});
