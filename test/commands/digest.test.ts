import { describe, expect, it } from 'vitest';
import { makePaper } from '../support/papers.js';
import { codes, harness, text } from './harness.js';

describe('/papers digest', () => {
  it('digests this channel now and says what was posted and what waits', async () => {
    const h = harness();
    await h.run('subscribe pruning');
    // sent counts messages: the header, three papers and the "more" line.
    h.digest.next = { planned: 3, sent: 5, held: 2 };
    const r = await h.run('digest', { canManage: false });
    expect(r.ok).toBe(true);
    expect(r.ephemeral).toBe(true);
    expect(h.digest.calls).toEqual([{ method: 'digestChannel', channelId: await h.channelId() }]);
    expect(text(r)).toContain('Posted 3 papers.');
    expect(text(r)).toContain('2 more papers are waiting');
    expect(codes(r)).toContain('/papers more');
  });

  it('says when a delivery fell short', async () => {
    const h = harness();
    await h.run('subscribe pruning');
    h.digest.next = { planned: 4, sent: 1 };
    expect(text(await h.run('digest'))).toContain('Posted 1 of 4 papers; the rest will be retried.');
  });

  it('"nothing new since" the last digest, in the channel’s zone', async () => {
    const h = harness();
    await h.run('subscribe pruning');
    await h.run('schedule 09:00 Europe/Berlin');
    const id = await h.channelId();
    await h.stores.deliveries.planDigest({
      channelId: id,
      digestId: 'fixture-digest',
      plannedAt: '2026-03-09T08:00:00.000Z',
      coveredUntil: '2026-03-09T08:00:00.000Z',
      deliveries: [],
    });
    const r = await h.run('digest');
    expect(r.ok).toBe(true);
    expect(text(r)).toContain('No new papers have arrived since the last digest (9 Mar 2026, 09:00 Europe/Berlin)');
    // 10 March 2026 is a Tuesday: the weekend is no explanation.
    expect(text(r)).not.toContain('Saturdays, Sundays');
    expect(text(r)).toContain('Hugging Face through the day and arXiv after each evening’s announcement');
  });

  it('an empty weekend: arXiv announces nothing on Saturdays and Sundays, in the channel’s own zone', async () => {
    const h = harness();
    await h.run('subscribe pruning');
    await h.run('schedule 09:00 Asia/Tokyo');
    h.clock.set('2026-03-13T16:00:00.000Z'); // Friday in UTC, already Saturday 01:00 in Tokyo
    const r = await h.run('digest');
    expect(text(r)).toMatch(/^No new papers have arrived in the last 24 hours: arXiv announces nothing on Saturdays, Sundays and holidays/);
  });

  // Seen trying the quick start offline on a Sunday: the weekend sentence alone hid that Hugging Face could not be reached.
  it('an empty weekend with a source failing says that too, not only that it is the weekend', async () => {
    const h = harness();
    await h.run('subscribe pruning');
    h.clock.set('2026-03-14T10:00:00.000Z'); // a Saturday
    await h.stores.sources.recordFailure(
      'hf',
      'GET https://huggingface.co/api/daily_papers failed after 4 attempts: network error',
      '2026-03-14T09:55:00.000Z',
    );
    const t = text(await h.run('digest'));
    expect(t).toMatch(/^No new papers have arrived in the last 24 hours: arXiv announces nothing on Saturdays/);
    expect(t).toContain(
      'Fetching Hugging Face is failing (last tried 14 Mar 2026, 09:55 UTC: GET https://huggingface.co/api/daily_papers failed after 4 attempts: network error); Paperboy keeps retrying.',
    );
  });

  it('an empty weekday with a source failing says which, and since when', async () => {
    const h = harness();
    await h.run('subscribe pruning');
    await h.stores.sources.recordFailure('arxiv', 'GET http://export.arxiv.org/api/query failed after 4 attempts: HTTP 503', '2026-03-10T07:40:00.000Z');
    const r = await h.run('digest');
    expect(text(r)).toContain(
      'Fetching arXiv is failing (last tried 10 Mar 2026, 07:40 UTC: GET http://export.arxiv.org/api/query failed after 4 attempts: HTTP 503); Paperboy keeps retrying.',
    );
  });

  it('counts arrivals over the digest window, which never reaches back more than 7 days', async () => {
    const h = harness();
    await h.run('subscribe pruning');
    const id = await h.channelId();
    await h.stores.deliveries.planDigest({
      channelId: id,
      digestId: 'long-ago',
      plannedAt: '2026-02-01T08:00:00.000Z',
      coveredUntil: '2026-02-01T08:00:00.000Z',
      deliveries: [],
    });
    await h.stores.papers.upsertMany([makePaper({ title: 'Protein folding' })], '2026-02-20T08:00:00.000Z'); // after the last digest, but older than 7 days
    await h.stores.papers.upsertMany([makePaper({ title: 'Diffusion for audio' })], '2026-03-08T08:00:00.000Z');
    expect(text(await h.run('digest'))).toMatch(/^1 new paper arrived in the last 7 days; none matched/);
  });

  it('a channel that never had a digest: nothing arrived in the last 24 hours', async () => {
    const h = harness();
    await h.run('subscribe pruning');
    expect(text(await h.run('digest'))).toMatch(/^No new papers have arrived in the last 24 hours/);
  });

  it('tells papers that arrived but matched nothing from an empty day', async () => {
    const h = harness();
    await h.run('subscribe pruning');
    await h.stores.papers.upsertMany([makePaper({ title: 'Diffusion for audio' }), makePaper({ title: 'Protein folding' })], h.clock.now().toISOString());
    const r = await h.run('digest');
    expect(text(r)).toMatch(/^2 new papers arrived in the last 24 hours; none matched this channel’s rules/);
    expect(codes(r)).toContain('/papers preview <rule>');
  });

  it('a failed channel reports the reason', async () => {
    const h = harness();
    await h.run('subscribe pruning');
    h.digest.next = { planned: 2, failed: true, pausedReason: 'Slack: not_in_channel' };
    const r = await h.run('digest');
    expect(r.ok).toBe(false);
    expect(text(r)).toContain('Slack: not_in_channel');
  });

  it.each([
    ['no rules', [] as string[], /no rules yet/],
    ['paused', ['subscribe pruning', 'pause'], /paused \(Ada paused it/],
  ])('refuses a channel with %s without digesting', async (_name, setup, says) => {
    const h = harness();
    for (const s of setup) await h.run(s);
    const r = await h.run('digest');
    expect(r.ok).toBe(false);
    expect(text(r)).toMatch(says);
    expect(h.digest.calls).toEqual([]);
  });
});

describe('/papers more', () => {
  it('releases the next held papers and says how many still wait', async () => {
    const h = harness();
    await h.run('subscribe pruning');
    h.digest.next = { planned: 10, sent: 11, held: 4 };
    const r = await h.run('more', { canManage: false });
    expect(r.ok).toBe(true);
    expect(h.digest.calls).toEqual([{ method: 'more', channelId: await h.channelId() }]);
    expect(text(r)).toContain('Posted 10 more papers.');
    expect(text(r)).toContain('4 still waiting');
  });

  it('says when a release fell short', async () => {
    const h = harness();
    await h.run('subscribe pruning');
    h.digest.next = { planned: 5, sent: 2 };
    expect(text(await h.run('more'))).toContain('Posted 2 of 5 more papers; the rest will be retried.');
  });

  it('nothing held: says so', async () => {
    const h = harness();
    await h.run('subscribe pruning');
    expect(text(await h.run('more'))).toMatch(/Nothing is waiting/);
  });

  it('a channel never seen: nothing waits, and no row is created', async () => {
    const h = harness();
    expect(text(await h.run('more'))).toMatch(/Nothing is waiting/);
    expect(h.digest.calls).toEqual([]);
    expect(await h.stores.channels.list()).toEqual([]);
  });

  it('a paused channel is refused', async () => {
    const h = harness();
    await h.run('subscribe pruning');
    await h.run('pause');
    const r = await h.run('more');
    expect(r.ok).toBe(false);
    expect(h.digest.calls).toEqual([]);
  });
});
