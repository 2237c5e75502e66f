import { afterEach, describe, expect, it } from 'vitest';
import { makePaper } from '../support/papers.js';
import { pipelineHarness, type PipelineHarness } from '../support/pipeline.js';

/*
 * Issue #10, point 4: delivery runs at the platform's pace, so Paperboy's own
 * work per post must stay small. Each post is claimed in one statement that
 * reads back only the row it takes, in the same transaction that records the
 * post before it; the whole queue (every row's message, parsed) is read only
 * when something other than a planned delivery is first.
 */

let h: PipelineHarness;
afterEach(async () => {
  await h?.close();
});

describe('reading the queue while delivering', () => {
  it('a channel of four posts: one claim, then one record-and-claim per post, one queue read at the end to find it empty', async () => {
    h = await pipelineHarness();
    h.source.set(
      '2026-03-10',
      [1, 2, 3].map((i) => makePaper({ title: `Pruning ${i}`, abstract: 'A study of network pruning.', upvotes: 10 - i })),
    );
    await h.channel('c1', ['pruning']);
    const store = h.stores.deliveries;
    const calls = { queue: 0, claimFirst: 0, claim: 0, markSent: 0, markSentThenClaim: 0 };
    const { queue, claimFirst, claim, markSent, markSentThenClaim } = store;
    store.queue = (...a) => {
      calls.queue += 1;
      return queue(...a);
    };
    store.claimFirst = (...a) => {
      calls.claimFirst += 1;
      return claimFirst(...a);
    };
    store.claim = (...a) => {
      calls.claim += 1;
      return claim(...a);
    };
    store.markSent = (...a) => {
      calls.markSent += 1;
      return markSent(...a);
    };
    store.markSentThenClaim = (...a) => {
      calls.markSentThenClaim += 1;
      return markSentThenClaim(...a);
    };

    await h.digest.runCycle();
    expect(h.port.kinds()).toEqual(['header', 'paper', 'paper', 'paper']);
    expect(calls).toEqual({ claimFirst: 1, markSentThenClaim: 4, markSent: 0, claim: 0, queue: 1 });
    expect(await h.stores.deliveries.countByStatus()).toMatchObject({ sent: 4, planned: 0, attempted: 0 });
  });

  it('an attempted delivery first (ours, from a run that stopped) is still found through the queue and sent once', async () => {
    h = await pipelineHarness();
    h.source.set('2026-03-10', [makePaper({ title: 'Pruning 1', abstract: 'A study of network pruning.' })]);
    const c = await h.channel('c1', ['pruning']);
    await h.digest.runCycle({ leaveToPump: true });
    const now = h.clock.now().toISOString();
    expect((await h.stores.deliveries.claimFirst(c.id, 'test-host:1', now))?.delivery.kind).toBe('header');

    expect(await h.digest.deliverPending()).toBe(2);
    expect(h.port.kinds()).toEqual(['header', 'paper']);
    // The header was claimed before: the port hears it may have gone out already.
    expect(h.port.attempts.map((a) => a.opts.maybeSent)).toEqual([true, false]);
  });
});
