import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatPort, Platform } from '../../src/chat/port.js';
import { fixedClock } from '../../src/clock.js';
import { silentLogger } from '../../src/log.js';
import { startScheduler } from '../../src/schedule/scheduler.js';
import { createArxivSource } from '../../src/sources/arxiv.js';
import { ARXIV_LOOKBACK_DAYS } from '../../src/sources/cadence.js';
import { createHfSource } from '../../src/sources/hf.js';
import { openSqliteStores } from '../../src/store/sqlite/index.js';
import { testDigestService } from '../support/pipeline.js';
import { RecordingPort } from '../support/recording-port.js';
import { fixture, hfDailyPapers, hfFixtureDay, startSourceServer, type SourceServer } from '../support/source-server.js';

/*
 * Two simulated days, minute by minute on a fake clock, of 1,000 channels at
 * 96 different times and zones, a fifth of them with no rules, against local
 * Hugging Face and arXiv servers. From Thursday 12 March 2026 00:30 UTC to
 * Saturday 00:30 UTC: arXiv announces on Thursday evening (20:00 EDT, Friday
 * 00:00 UTC) and not on Friday evening; the Wednesday evening announcement was
 * fetched just before the start.
 */
const START = Date.parse('2026-03-12T00:30:00.000Z');
const DAYS = 2;
const MIN = 60_000;
const ANNOUNCEMENTS = ['2026-03-13T00:00:00.000Z'];
const ZONES = [
  'UTC',
  'Europe/Berlin',
  'Europe/London',
  'America/New_York',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Asia/Tokyo',
  'Asia/Kolkata',
  'Asia/Shanghai',
  'Australia/Sydney',
  'Africa/Lagos',
  'Pacific/Auckland',
];
const TOPICS = ['pruning', 'tactile', 'diffusion', 'protein folding'];
const CHANNELS = 1_000;
/** Every weekday's arXiv listing is two pages of two (the recorded 9 March feed); weekends are empty. */
const ARXIV_PAGES_PER_WEEKDAY = 2;

/** The export API by submission day and `start`: two pages on weekdays, one empty page at weekends. */
function arxivRoute(url: URL): { body: string } | undefined {
  const day = /submittedDate:\[(\d{4})(\d{2})(\d{2})0000/.exec(url.searchParams.get('search_query') ?? '');
  if (!day) return undefined;
  const weekday = new Date(`${day[1]}-${day[2]}-${day[3]}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return { body: fixture('arxiv/2026-03-14.xml') };
  return { body: fixture(`arxiv/2026-03-09-p${url.searchParams.get('start') === '0' ? 1 : 2}.xml`) };
}

describe('sources fetched on their own cadence, two simulated days', () => {
  let hfServer: SourceServer;
  let arxivServer: SourceServer;
  beforeAll(async () => {
    hfServer = await startSourceServer();
    arxivServer = await startSourceServer();
    // Papers listed on the Thursday and the Friday; every other day HF answers [].
    const listed: Record<string, string> = { '2026-03-12': '2026-03-09', '2026-03-13': '2026-03-10' };
    hfServer.route(
      '/api/daily_papers',
      hfDailyPapers((day) => {
        const from = listed[day];
        return from ? hfFixtureDay(from) : undefined;
      }),
    );
    arxivServer.route('/api/query', arxivRoute);
  });
  afterAll(async () => {
    await hfServer.close();
    await arxivServer.close();
  });

  it('HF ≤ 2 × (48 + retries) requests a day, arXiv ≤ pages × announcements + retries, every channel digested once a day', async () => {
    const clock = fixedClock(new Date(START));
    const stores = openSqliteStores(':memory:');
    const now = () => clock.now().getTime();
    const noWait = async () => undefined;
    const logger = silentLogger();
    const hf = createHfSource({ baseUrl: hfServer.url, logger, sleep: noWait, now });
    const arxiv = createArxivSource({ apiUrl: `${arxivServer.url}/api/query`, categories: ['cs.LG'], logger, pageSize: 2, sleep: noWait, now });
    const port = new RecordingPort('console');
    const digest = testDigestService({
      stores,
      clock,
      sources: [hf, arxiv],
      ports: new Map<Platform, ChatPort>([['console', port]]),
      settings: { channelConcurrency: 8, fetchIntervalMs: 30 * MIN },
    });
    // Wednesday evening's announcement (Thursday 00:00 UTC) was fetched just before the start.
    await stores.sources.recordSuccess('arxiv', '2026-03-12', '2026-03-12T00:00:10.000Z');

    // Created a minute before the start, so a slot at the very first minute is theirs already.
    clock.set(new Date(START - MIN));
    for (let i = 0; i < CHANNELS; i += 1) {
      const slot = i % 96;
      const time = `${String(Math.floor(slot / 4)).padStart(2, '0')}:${String((slot % 4) * 15).padStart(2, '0')}`;
      const c = await stores.channels.ensure({ platform: 'console', workspaceId: 'w', channelId: `c${i}` }, clock.now().toISOString());
      await stores.channels.setSchedule(c.id, time, ZONES[slot % ZONES.length] ?? 'UTC');
      if (i % 5 !== 0) await stores.rules.add(c.id, TOPICS[i % TOPICS.length] ?? 'pruning', 'sim', clock.now().toISOString());
    }

    const scheduler = startScheduler({
      stores,
      digest,
      clock,
      logger,
      defaults: { time: '08:00', timezone: 'UTC' },
      fetch: digest.fetch,
      cronExpression: '0 0 1 1 *',
    });
    // Faults, each at a minute of the run: HF answers 500 twice (retried within the request), later 503 four times
    // (the fetch fails and is retried 5 minutes later); arXiv's first attempt after the announcement gets 503 four times.
    const faults = new Map<number, () => void>([
      [Date.parse('2026-03-12T06:00:00.000Z'), () => hfServer.failNext(2, { kind: 'status', status: 500 })],
      [Date.parse('2026-03-13T09:00:00.000Z'), () => hfServer.failNext(4, { kind: 'status', status: 503 })],
      [Date.parse(ANNOUNCEMENTS[0] ?? ''), () => arxivServer.failNext(4, { kind: 'status', status: 503 })],
    ]);
    const hfFaults = [2, 4];
    const arxivFaults = 4;

    const hfPerDay: number[] = [];
    const arxivFetchedAt: string[] = [];
    let digests = 0;
    const started = performance.now();
    try {
      for (let day = 0; day < DAYS; day += 1) {
        const hfBefore = hfServer.requests.length;
        for (let minute = 0; minute < 24 * 60; minute += 1) {
          clock.set(new Date(START + (day * 24 * 60 + minute) * MIN));
          faults.get(clock.now().getTime())?.();
          const arxivBefore = arxivServer.requests.length;
          digests += await scheduler.tick();
          if (arxivServer.requests.length > arxivBefore) arxivFetchedAt.push(clock.now().toISOString());
        }
        hfPerDay.push(hfServer.requests.length - hfBefore);
      }
    } finally {
      scheduler.stop();
    }
    const seconds = (performance.now() - started) / 1000;

    const arxivDays = arxivServer.requests.map((r) => /submittedDate:\[(\d{8})/.exec(r.url.searchParams.get('search_query') ?? '')?.[1]);
    // Thursday evening's announcement (Friday UTC) reaches back four days, Monday to Friday: five weekdays.
    const arxivPagesPerAnnouncement = (ARXIV_LOOKBACK_DAYS + 1) * ARXIV_PAGES_PER_WEEKDAY;
    const channels = await stores.channels.list();
    const noRules = channels.filter((c) => Number(c.channelId.slice(1)) % 5 === 0);
    console.log(
      [
        `two simulated days, ${CHANNELS} channels at 96 times and zones (${noRules.length} with no rules), ticked every minute (${seconds.toFixed(1)} s real time):`,
        `  Hugging Face: ${hfServer.requests.length} requests (day 1: ${hfPerDay[0]}, day 2: ${hfPerDay[1]}; ${hfFaults.join(' + ')} answered with errors); bound 2 × (48 + retries) a day`,
        `  arXiv: ${arxivServer.requests.length} requests for ${ANNOUNCEMENTS.length} announcement(s) of ${arxivPagesPerAnnouncement} pages (${arxivFaults} answered 503), at ${arxivFetchedAt.join(' and ')}, days asked ${[...new Set(arxivDays)].join(', ')}`,
        `  digests: ${digests} (${(digests / CHANNELS).toFixed(2)} per channel), papers posted: ${port.papersSent().length}`,
      ].join('\n'),
    );

    for (const [day, n] of hfPerDay.entries()) expect(n).toBeLessThanOrEqual(2 * (48 + (hfFaults[day] ?? 0)));
    // Every half hour, both days asked each time: no half hour skipped.
    expect(hfServer.requests.length).toBeGreaterThanOrEqual(2 * 48 * DAYS);
    expect(arxivServer.requests.length).toBeLessThanOrEqual(arxivPagesPerAnnouncement * ANNOUNCEMENTS.length + arxivFaults);
    // Right after Thursday evening's announcement, then its retry five minutes later; nothing on Friday evening.
    expect(arxivFetchedAt).toEqual(['2026-03-13T00:00:00.000Z', '2026-03-13T00:05:00.000Z']);
    expect(new Set(arxivDays)).toEqual(new Set(['20260309', '20260310', '20260311', '20260312', '20260313']));
    // Each channel's slot comes once a day; a channel with nothing to do is done for its slot too.
    expect(digests).toBe(CHANNELS * DAYS);
    expect(noRules.every((c) => c.lastDigestAt !== null && Date.parse(c.lastDigestAt) > START + 24 * 60 * MIN)).toBe(true);
    expect(port.papersSent().length).toBeGreaterThan(0);
    await stores.close();
  }, 180_000);
});
