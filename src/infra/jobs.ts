import { Queue, Worker, type ConnectionOptions } from "bullmq";
import type { Logger } from "./logger";
import { counter, gauge, histogram, onScrape, secondsSince, SLOW_BUCKETS } from "./metrics";
import { outsideSession } from "./pglite-session";
import { traced } from "./tracing";

export interface JobOptions {
  /** Same id twice is enqueued once (while the first is pending). */
  jobId?: string;
  attempts?: number;
  delayMs?: number;
}
export type JobHandler = (data: unknown, meta: { id: string; attempt: number }) => Promise<void>;

/**
 * Background jobs. Handlers must be idempotent: every implementation retries, and a
 * job interrupted by a crash runs again.
 */
export interface JobQueue {
  register(name: string, handler: JobHandler): void;
  enqueue(name: string, data: unknown, opts?: JobOptions): Promise<void>;
  /** Runs `name` every `everyMs` (one run at a time across processes with BullMQ). */
  schedule(name: string, everyMs: number): Promise<void>;
  /** Starts processing registered handlers in this process. */
  start(): Promise<void>;
  /** Stops taking jobs and waits for running ones, bounded by `timeoutMs`. */
  close(timeoutMs: number): Promise<void>;
}

const DEFAULT_ATTEMPTS = 8;
/** During an intake burst (embedded mode), at most one job start per this many ms. */
const MIN_START_MS = 250;

const jobDuration = histogram("atende_job_duration_seconds", "Job runs by name and outcome (success, failure: one per attempt)", ["job", "outcome"], SLOW_BUCKETS);
const jobsActive = gauge("atende_jobs_active", "Jobs running in this process, by name", ["job"]);
const jobsWaiting = gauge("atende_jobs_waiting", "Jobs waiting to run (queued or delayed), by name", ["job"]);
const jobRetries = counter("atende_job_retries_total", "Job attempts after the first, by name", ["job"]);
const jobFailures = counter("atende_job_failures_total", "Jobs that failed for good (attempts exhausted), by name", ["job"]);

/** Runs one attempt of a job with its metrics and (when tracing is on) its span. */
async function observed(name: string, id: string, attempt: number, final: boolean, run: () => Promise<void>): Promise<void> {
  jobsActive.inc({ job: name });
  if (attempt > 1) jobRetries.inc({ job: name });
  const started = process.hrtime.bigint();
  try {
    await traced(`job ${name}`, { "job.name": name, "job.id": id, "job.attempt": attempt }, run);
    jobDuration.observe({ job: name, outcome: "success" }, secondsSince(started));
  } catch (err) {
    jobDuration.observe({ job: name, outcome: "failure" }, secondsSince(started));
    if (final) jobFailures.inc({ job: name });
    throw err;
  } finally {
    jobsActive.dec({ job: name });
  }
}

/** Sets atende_jobs_waiting for every registered job at each scrape (0 included, so series never vanish). */
function reportWaiting(names: () => Iterable<string>, waiting: () => Promise<Map<string, number>>): () => void {
  return onScrape(async () => {
    const counts = await waiting();
    for (const job of names()) jobsWaiting.set({ job }, counts.get(job) ?? 0);
  });
}
/** Exponential backoff capped at 5 minutes: a provider outage never produces unbounded delays. */
export const backoffMs = (attempt: number) => Math.min(300_000, 1_000 * 2 ** (attempt - 1));

export class InProcessJobQueue implements JobQueue {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly pending = new Set<string>();
  private readonly running = new Set<Promise<void>>();
  private readonly runningNames: string[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private started = false;
  private closed = false;
  private seq = 0;
  private stopReporting?: () => void;
  /** Jobs ready to run while `concurrency` are already running (FIFO). */
  private readonly ready: Array<() => void> = [];
  private active = 0;

  /**
   * At most `concurrency` jobs run at once (a job waiting for another still leaves room): unbounded, a burst
   * of webhooks started one processing job per event at once, and on PGlite (one
   * connection) their queries queued in front of the intake's own inserts.
   */
  constructor(private readonly logger: Logger, private readonly concurrency = 8) {}

  /**
   * Set by the app in embedded mode: true while webhook deliveries are arriving faster
   * than they are answered (a burst). Jobs then start one at a time and at most every
   * MIN_START_MS, so the burst is stored and acknowledged first and processed right
   * after: on one core with PGlite in the same thread, a job's queries run as one long
   * chain that the HTTP server cannot interrupt, and processing at full concurrency held
   * intake down to the processing rate. Jobs still start during a burst: nothing starves.
   */
  yieldTo?: () => boolean;
  private kick?: NodeJS.Timeout;
  private lastStart = 0;

  private limit(): number {
    if (!this.yieldTo?.()) return this.concurrency;
    return Date.now() - this.lastStart >= MIN_START_MS ? 1 : 0;
  }

  /** Starts ready jobs up to the current limit; re-checks later while some are held back. */
  private drain(): void {
    while (this.ready.length && this.active < this.limit()) this.ready.shift()!();
    if (this.ready.length && !this.kick && !this.closed) {
      this.kick = setTimeout(() => {
        this.kick = undefined;
        this.drain();
      }, 100);
      this.kick.unref();
    }
  }

  register(name: string, handler: JobHandler): void {
    this.handlers.set(name, handler);
  }

  async enqueue(name: string, data: unknown, opts: JobOptions = {}): Promise<void> {
    if (this.closed) throw new Error("job queue closed");
    const id = opts.jobId ?? `${name}:${++this.seq}`;
    const key = `${name}:${id}`;
    if (this.pending.has(key)) return;
    this.pending.add(key);
    this.later(() => this.run(name, key, id, data, 1, opts.attempts ?? DEFAULT_ATTEMPTS), opts.delayMs ?? 0);
  }

  async schedule(name: string, everyMs: number): Promise<void> {
    const timer = setInterval(() => void this.enqueue(name, {}, { jobId: `${name}:scheduled` }).catch(() => undefined), everyMs);
    timer.unref();
    this.timers.add(timer);
  }

  async start(): Promise<void> {
    this.started = true;
    this.stopReporting = reportWaiting(() => this.handlers.keys(), async () => {
      const counts = new Map<string, number>();
      // pending holds queued and running jobs; the running ones are counted as active.
      for (const key of this.pending) counts.set(key.split(":")[0]!, (counts.get(key.split(":")[0]!) ?? 0) + 1);
      for (const name of this.runningNames) counts.set(name, (counts.get(name) ?? 1) - 1);
      return counts;
    });
  }

  async close(timeoutMs: number): Promise<void> {
    this.closed = true;
    this.stopReporting?.();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    if (this.kick) clearTimeout(this.kick);
    await Promise.race([Promise.allSettled([...this.running]), new Promise((r) => setTimeout(r, timeoutMs).unref())]);
  }

  /** Resolves when no job is queued or running (tests and shutdown use it). */
  async idle(): Promise<void> {
    while (this.pending.size || this.running.size) await new Promise((r) => setTimeout(r, 10));
  }

  private later(fn: () => void, delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, delayMs);
    this.timers.add(timer);
  }

  private run(name: string, key: string, id: string, data: unknown, attempt: number, attempts: number): void {
    if (this.closed) return;
    const handler = this.handlers.get(name);
    if (!handler || !this.started) {
      this.later(() => this.run(name, key, id, data, attempt, attempts), 50);
      return;
    }
    if (this.active >= this.limit()) {
      this.ready.push(() => this.run(name, key, id, data, attempt, attempts));
      this.drain();
      return;
    }
    this.active++;
    this.lastStart = Date.now();
    this.runningNames.push(name);
    const p = observed(name, id, attempt, attempt >= attempts, () => outsideSession(() => handler(data, { id, attempt })))
      .then(() => void this.pending.delete(key))
      .catch((err) => {
        if (attempt >= attempts) {
          this.pending.delete(key);
          this.logger.error({ err, job: name, id, attempt }, "job failed for good");
        } else {
          this.logger.warn({ err, job: name, id, attempt }, "job failed, will retry");
          this.later(() => this.run(name, key, id, data, attempt + 1, attempts), backoffMs(attempt));
        }
      })
      .finally(() => {
        this.running.delete(p);
        this.runningNames.splice(this.runningNames.indexOf(name), 1);
        this.active--;
        this.drain();
      });
    this.running.add(p);
  }
}

export class BullJobQueue implements JobQueue {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly queue: Queue;
  private worker?: Worker;
  private stopReporting?: () => void;

  constructor(private readonly connection: ConnectionOptions, private readonly prefix: string, private readonly logger: Logger, private readonly lockMs = 30_000, private readonly concurrency = 4, queueName = "jobs") {
    this.queue = new Queue(queueName, { connection, prefix: `${prefix}:bull` });
  }

  register(name: string, handler: JobHandler): void {
    this.handlers.set(name, handler);
  }

  async enqueue(name: string, data: unknown, opts: JobOptions = {}): Promise<void> {
    await this.queue.add(name, data, {
      jobId: opts.jobId ? opts.jobId.replace(/:/g, "_") : undefined,
      attempts: opts.attempts ?? DEFAULT_ATTEMPTS,
      delay: opts.delayMs,
      backoff: { type: "exponential", delay: 1_000 },
      removeOnComplete: { age: 3600, count: 10_000 },
      removeOnFail: { age: 7 * 86_400 },
    });
  }

  async schedule(name: string, everyMs: number): Promise<void> {
    await this.queue.upsertJobScheduler(`${name}:scheduler`, { every: everyMs }, { name, data: {} });
  }

  async start(): Promise<void> {
    this.worker = new Worker(
      this.queue.name,
      async (job) => {
        const handler = this.handlers.get(job.name);
        if (!handler) throw new Error(`no handler for job ${job.name}`);
        const attempt = job.attemptsMade + 1;
        await observed(job.name, job.id ?? "", attempt, attempt >= (job.opts.attempts ?? 1), () => handler(job.data, { id: job.id ?? "", attempt }));
      },
      { connection: this.connection, prefix: `${this.prefix}:bull`, concurrency: this.concurrency, autorun: true, lockDuration: this.lockMs, stalledInterval: this.lockMs, maxStalledCount: 5 },
    );
    this.worker.on("failed", (job, err) => this.logger.warn({ err, job: job?.name, id: job?.id, attempt: job?.attemptsMade }, "job failed"));
    await this.worker.waitUntilReady();
    this.stopReporting = reportWaiting(() => this.handlers.keys(), () => this.waitingByName());
  }

  /** Queued and delayed jobs by name, from the first 500 (BullMQ keeps no count per name). */
  private async waitingByName(): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const job of await this.queue.getJobs(["waiting", "prioritized", "delayed"], 0, 499)) {
      if (job) counts.set(job.name, (counts.get(job.name) ?? 0) + 1);
    }
    return counts;
  }

  async close(timeoutMs: number): Promise<void> {
    this.stopReporting?.();
    const closing = Promise.allSettled([this.worker?.close(), this.queue.close()]);
    await Promise.race([closing, new Promise((r) => setTimeout(r, timeoutMs).unref())]);
  }
}
