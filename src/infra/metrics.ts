import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * The process's Prometheus registry (`GET /metrics`, see http/metrics.ts).
 *
 * To add a metric anywhere: `const sent = counter("atende_emails_sent_total", "…", ["tenant_plan"])`
 * at module level, then `sent.inc({ tenant_plan })`. The helpers are get-or-create (a
 * second definition with the same name returns the first) and enforce the naming
 * conventions: `atende_` prefix, counters end in `_total`, durations are histograms
 * in `_seconds`. Label values must come from a small set (never ids, e-mails or free
 * text): use `boundedLabel` for values a client chooses, like operation names.
 * Values that are cheaper to read at scrape time go in `onScrape`.
 */
export const registry = new Registry();

const PREFIX = /^atende_[a-z0-9_]+$/;

function existing<T>(name: string): T | undefined {
  return registry.getSingleMetric(name) as T | undefined;
}

function checkName(name: string, suffix?: string): void {
  if (!PREFIX.test(name)) throw new Error(`metric ${name}: names are atende_<snake_case>`);
  if (suffix && !name.endsWith(suffix)) throw new Error(`metric ${name}: must end in ${suffix}`);
}

export function counter<L extends string = never>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
  checkName(name, "_total");
  return existing<Counter<L>>(name) ?? new Counter({ name, help, labelNames, registers: [registry] });
}

export function gauge<L extends string = never>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
  checkName(name);
  return existing<Gauge<L>>(name) ?? new Gauge({ name, help, labelNames, registers: [registry] });
}

/** Default buckets fit request latencies (5 ms … 30 s); pass others for slower work. */
export function histogram<L extends string = never>(name: string, help: string, labelNames: readonly L[] = [], buckets = LATENCY_BUCKETS): Histogram<L> {
  checkName(name);
  if (!/_(seconds|bytes|tokens|ratio)$/.test(name)) throw new Error(`metric ${name}: histograms end in a unit (_seconds, _bytes, …)`);
  return existing<Histogram<L>>(name) ?? new Histogram({ name, help, labelNames, buckets, registers: [registry] });
}

export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
export const SLOW_BUCKETS = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

/**
 * Maps values a client chooses (operation names) to themselves until `max` distinct
 * ones were seen, then to "other": a client inventing names cannot blow up the series.
 */
export function boundedLabel(max = 200): (value: string | null | undefined, fallback?: string) => string {
  const seen = new Set<string>();
  return (value, fallback = "anonymous") => {
    if (!value) return fallback;
    const v = value.slice(0, 100);
    if (seen.has(v)) return v;
    if (seen.size >= max) return "other";
    seen.add(v);
    return v;
  };
}

type Collector = () => void | Promise<void>;
const collectors = new Set<Collector>();

/** Runs `fn` before each scrape (e.g. to set gauges from a queue); returns the unregister function. */
export function onScrape(fn: Collector): () => void {
  collectors.add(fn);
  return () => void collectors.delete(fn);
}

let defaults = false;

/** The Prometheus text exposition of every metric of this process. */
export async function renderMetrics(): Promise<string> {
  if (!defaults) {
    defaults = true;
    // The standard process_* and nodejs_* series, unprefixed so stock dashboards work.
    collectDefaultMetrics({ register: registry });
  }
  await Promise.allSettled([...collectors].map(async (c) => c()));
  return registry.metrics();
}

export const METRICS_CONTENT_TYPE = registry.contentType;

/** Seconds since `start` (a `process.hrtime.bigint()`). */
export const secondsSince = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;
