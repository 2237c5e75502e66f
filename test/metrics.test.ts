import { describe, expect, it } from 'vitest';
import { METRICS, Metrics } from '../src/metrics.js';

/** The names dashboards were built on before prom-client: none may disappear. */
const EXISTING = [
  ['paperboy_papers_fetched_total', 'counter'],
  ['paperboy_source_failures_total', 'counter'],
  ['paperboy_source_latency_seconds', 'histogram'],
  ['paperboy_matches_total', 'counter'],
  ['paperboy_posts_total', 'counter'],
  ['paperboy_post_failures_total', 'counter'],
  ['paperboy_channels_paused_total', 'counter'],
  ['paperboy_model_train_seconds', 'histogram'],
] as const;

function sample(text: string, line: string): number | null {
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found === undefined ? null : Number(found.slice(line.length + 1));
}

describe('metrics (prom-client)', () => {
  it('declares every metric name that existed, with its type, before anything happened', async () => {
    const text = await new Metrics().render();
    for (const [name, type] of EXISTING) expect(text).toContain(`# TYPE ${name} ${type}`);
    expect(text).toContain('# TYPE paperboy_command_ack_seconds histogram');
    expect(Object.keys(METRICS)).toEqual(expect.arrayContaining(EXISTING.map(([n]) => n)));
  });

  it('counts by label and reads the value back', async () => {
    const m = new Metrics();
    m.inc('paperboy_posts_total', 'posts', { platform: 'slack', kind: 'paper' });
    m.inc('paperboy_posts_total', 'posts', { platform: 'slack', kind: 'paper' }, 2);
    m.inc('paperboy_posts_total', 'posts', { platform: 'discord', kind: 'header' });
    expect(await m.value('paperboy_posts_total', { platform: 'slack', kind: 'paper' })).toBe(3);
    expect(await m.value('paperboy_posts_total', { platform: 'console', kind: 'paper' })).toBe(0);
    const text = await m.render();
    expect(sample(text, 'paperboy_posts_total{platform="slack",kind="paper"}')).toBe(3);
    expect(sample(text, 'paperboy_posts_total{platform="discord",kind="header"}')).toBe(1);
  });

  it('latencies are histograms with cumulative buckets, a sum and a count', async () => {
    const m = new Metrics();
    m.observe('paperboy_source_latency_seconds', 'latency', { source: 'hf' }, 0.3);
    m.observe('paperboy_source_latency_seconds', 'latency', { source: 'hf' }, 7);
    const text = await m.render();
    expect(sample(text, 'paperboy_source_latency_seconds_bucket{le="0.25",source="hf"}')).toBe(0);
    expect(sample(text, 'paperboy_source_latency_seconds_bucket{le="0.5",source="hf"}')).toBe(1);
    expect(sample(text, 'paperboy_source_latency_seconds_bucket{le="10",source="hf"}')).toBe(2);
    expect(sample(text, 'paperboy_source_latency_seconds_bucket{le="+Inf",source="hf"}')).toBe(2);
    expect(sample(text, 'paperboy_source_latency_seconds_count{source="hf"}')).toBe(2);
    expect(sample(text, 'paperboy_source_latency_seconds_sum{source="hf"}')).toBeCloseTo(7.3, 9);
  });

  it('escapes label values as the exposition format requires', async () => {
    const m = new Metrics();
    m.inc('paperboy_papers_fetched_total', 'fetched', { source: 'a"b\\c\nd' });
    expect(await m.render()).toContain('paperboy_papers_fetched_total{source="a\\"b\\\\c\\nd"} 1');
  });

  it('a metric not in the catalogue is declared on first use', async () => {
    const m = new Metrics();
    m.inc('paperboy_test_things_total', 'Things', { where: 'here' });
    expect(await m.render()).toContain('# HELP paperboy_test_things_total Things');
    expect(await m.value('paperboy_test_things_total', { where: 'here' })).toBe(1);
  });

  it('with process metrics: memory, handles and paperboy_event_loop_lag_seconds, which sees a blocked loop', async () => {
    const m = new Metrics({ processMetrics: true });
    try {
      await m.render(); // starts a fresh window for the lag
      const until = Date.now() + 150;
      while (Date.now() < until) {
        // block the event loop, as a synchronous command would
      }
      await new Promise((r) => setTimeout(r, 30));
      const text = await m.render();
      expect(text).toContain('# TYPE process_resident_memory_bytes gauge');
      expect(text).toContain('# TYPE nodejs_active_handles_total gauge');
      expect(sample(text, 'paperboy_event_loop_lag_seconds')).toBeGreaterThanOrEqual(0.1);
    } finally {
      m.close();
    }
  });
});
