import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

type Labels = Record<string, string>;

/** Seconds: from a cached lookup (~1 ms) to a slow arXiv catch-up (minutes). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
/** Slack and Discord give 3 seconds to acknowledge; the buckets are dense below that. */
const ACK_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5];
/** How often the event-loop lag timer ticks; a stall shows as a tick this much late or more. */
const LAG_TICK_MS = 20;

interface CounterSpec {
  type: 'counter';
  help: string;
  labels: readonly string[];
}
interface HistogramSpec {
  type: 'histogram';
  help: string;
  labels: readonly string[];
  buckets: readonly number[];
}
type Spec = CounterSpec | HistogramSpec;

/**
 * Every metric Paperboy exports, declared once: prom-client wants each name's
 * labels up front, and dashboards depend on these names (keep them; add new ones).
 */
export const METRICS = {
  paperboy_papers_fetched_total: { type: 'counter', help: 'Papers fetched from each source', labels: ['source'] },
  paperboy_source_failures_total: { type: 'counter', help: 'Source fetches that failed after retries', labels: ['source'] },
  paperboy_source_latency_seconds: { type: 'histogram', help: 'Time spent fetching each source per cycle', labels: ['source'], buckets: LATENCY_BUCKETS },
  paperboy_matches_total: { type: 'counter', help: 'Papers matched to a channel (new to it)', labels: ['platform'] },
  paperboy_posts_total: { type: 'counter', help: 'Messages posted to chat platforms', labels: ['platform', 'kind'] },
  paperboy_post_failures_total: { type: 'counter', help: 'Failed attempts to post', labels: ['platform', 'kind'] },
  paperboy_channels_paused_total: { type: 'counter', help: 'Channels paused after a permanent failure', labels: ['platform'] },
  paperboy_model_train_seconds: { type: 'histogram', help: 'Time to train a channel model before its digest', labels: [], buckets: LATENCY_BUCKETS },
  paperboy_command_ack_seconds: {
    type: 'histogram',
    help: 'Time from receiving a slash command or interaction to acknowledging it, per platform',
    labels: ['platform'],
    buckets: ACK_BUCKETS,
  },
} as const satisfies Record<string, Spec>;

export type MetricName = keyof typeof METRICS;

export interface MetricsOptions {
  /**
   * Process metrics (memory, CPU, handles, GC, event-loop lag) as prom-client's
   * defaults, plus paperboy_event_loop_lag_seconds. Off for the many short-lived
   * registries tests build: each would start its own event-loop monitor.
   */
  processMetrics?: boolean;
}

/** Paperboy's Prometheus registry (prom-client), rendered at GET /metrics. */
export class Metrics {
  readonly registry = new Registry();
  private readonly counters = new Map<string, Counter>();
  private readonly histograms = new Map<string, Histogram>();
  private stopLoopMonitor: () => void = () => undefined;

  constructor(opts: MetricsOptions = {}) {
    for (const [name, spec] of Object.entries(METRICS) as [string, Spec][]) this.declare(name, spec);
    if (opts.processMetrics) this.addProcessMetrics();
  }

  /** Add to a counter. A name not in METRICS is declared on first use with these labels' names. */
  inc(name: string, help: string, labels: Labels = {}, by = 1): void {
    let c = this.counters.get(name);
    if (!c) c = this.declare(name, { type: 'counter', help, labels: Object.keys(labels) }) as Counter;
    c.inc(labels, by);
  }

  /** Record one observation in a histogram (declared on first use like `inc`, with latency buckets). */
  observe(name: string, help: string, labels: Labels, value: number): void {
    let h = this.histograms.get(name);
    if (!h) h = this.declare(name, { type: 'histogram', help, labels: Object.keys(labels), buckets: LATENCY_BUCKETS }) as Histogram;
    h.observe(labels, value);
  }

  /** A counter's value, or a histogram's sum, for these labels (0 when never touched). */
  async value(name: string, labels: Labels = {}): Promise<number> {
    const metric = this.counters.get(name) ?? this.histograms.get(name);
    if (!metric) return 0;
    const wanted = metric instanceof Histogram ? `${name}_sum` : name;
    const { values } = await metric.get();
    const same = (l: Partial<Record<string, string | number>>) =>
      Object.keys(labels).length === Object.keys(l).length && Object.entries(labels).every(([k, v]) => String(l[k]) === v);
    const hit = values.find((v) => (('metricName' in v ? v.metricName : undefined) ?? name) === wanted && same(v.labels));
    return hit?.value ?? 0;
  }

  /** The exposition text for GET /metrics. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /**
   * A gauge read when scraped: `read` gives its values by labels (it may ask
   * the database). A read that fails leaves the gauge out of that scrape
   * rather than failing /metrics.
   */
  gauge(name: string, help: string, labelNames: readonly string[], read: () => Promise<readonly { labels: Labels; value: number }[]>): void {
    new Gauge({
      name,
      help,
      labelNames: [...labelNames],
      registers: [this.registry],
      async collect() {
        this.reset();
        try {
          for (const v of await read()) this.set(v.labels, v.value);
        } catch {
          // Reported by /healthz; a scrape must still answer.
        }
      },
    });
  }

  /** Stops the event-loop monitor (process metrics), so a stopped app leaves no timer behind. */
  close(): void {
    this.stopLoopMonitor();
  }

  private declare(name: string, spec: Spec): Counter | Histogram {
    const common = { name, help: spec.help, labelNames: [...spec.labels], registers: [this.registry] };
    if (spec.type === 'counter') {
      const c = new Counter(common);
      this.counters.set(name, c);
      return c;
    }
    const h = new Histogram({ ...common, buckets: [...spec.buckets] });
    this.histograms.set(name, h);
    return h;
  }

  private addProcessMetrics(): void {
    collectDefaultMetrics({ register: this.registry });
    // The defaults' nodejs_eventloop_lag_* sample the loop only when scraped (or per loop turn), so a stall
    // between scrapes can go unseen; this timer sees every one. Unref'd: it never keeps the process alive.
    let longest = 0;
    let expected = performance.now() + LAG_TICK_MS;
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - expected);
      expected = now + LAG_TICK_MS;
    }, LAG_TICK_MS).unref();
    new Gauge({
      name: 'paperboy_event_loop_lag_seconds',
      help: 'Longest event-loop stall since the previous scrape (Slack and Discord want an acknowledgement within 3 s)',
      registers: [this.registry],
      collect() {
        this.set(Math.max(0, longest) / 1000);
        longest = 0;
      },
    });
    this.stopLoopMonitor = () => clearInterval(timer);
  }
}
