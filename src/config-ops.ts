import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * The operational variables (jobs, migrations at start, metrics, tracing),
 * part of the one config schema in config.ts: kept here so that file stays about
 * the domain. Nothing here reads the environment itself.
 */
export const boolish = z
  .enum(["1", "0", "true", "false", "yes", "no"])
  .transform((v) => v === "1" || v === "true" || v === "yes");

/** on/off as well as the boolean spellings: WORKER_MODE=off and WORKER_MODE=false mean the same. */
const onOff = z
  .enum(["on", "off", "1", "0", "true", "false", "yes", "no"])
  .transform((v) => v === "on" || v === "1" || v === "true" || v === "yes");

export const OPS_VARIABLES = {
  /** Apply pending migrations at start (under the advisory lock). Default: yes in embedded mode only. */
  MIGRATE_ON_START: boolish.optional(),
  /** Older name of MIGRATE_ON_START, still honoured. */
  MIGRATIONS_RUN: boolish.optional(),
  /** off: this API process only enqueues jobs; `npm run worker` processes them (needs REDIS_URL). */
  WORKER_MODE: onOff.default(true),
  /** Jobs one process runs at once (the worker, or the API when it runs jobs). */
  JOB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /** Port of `npm run worker` (it serves only /healthz, /readyz and /metrics). */
  WORKER_PORT: z.coerce.number().int().min(0).max(65535).default(4001),
  /** Bearer token for GET /metrics on the main port. Unset: /metrics is not served there. */
  METRICS_TOKEN: z.string().min(16, "precisa ter pelo menos 16 caracteres").optional(),
  /** Serves /metrics on its own port, bound to 127.0.0.1 (for a Prometheus on the same host or a sidecar). */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** OTLP/HTTP endpoint (e.g. http://otel-collector:4318): turns tracing on. Unset: nothing is loaded. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  OTEL_SERVICE_NAME: z.string().min(1).default("atende"),
};

type OpsEnv = z.output<z.ZodObject<typeof OPS_VARIABLES>> & { REDIS_URL?: string };

export interface OpsConfig {
  /** package.json version, shown by /healthz and in logs. */
  version: string;
  /** Whether the API process runs jobs (WORKER_MODE). */
  runJobs: boolean;
  /** JOB_CONCURRENCY. */
  jobConcurrency: number;
  workerPort: number;
  metrics: { token?: string; port?: number };
  tracing?: { endpoint: string; serviceName: string };
}

/** Problems no single variable shows: each line names the variable. */
export function opsProblems(e: OpsEnv): string[] {
  const problems: string[] = [];
  if (!e.WORKER_MODE && !e.REDIS_URL) problems.push("WORKER_MODE: off precisa de REDIS_URL (sem Redis os jobs só rodam no próprio processo da API)");
  return problems;
}

export function opsConfig(e: OpsEnv): OpsConfig {
  return {
    version: packageVersion(),
    runJobs: e.WORKER_MODE,
    jobConcurrency: e.JOB_CONCURRENCY,
    workerPort: e.WORKER_PORT,
    metrics: { token: e.METRICS_TOKEN, port: e.METRICS_PORT },
    tracing: e.OTEL_EXPORTER_OTLP_ENDPOINT ? { endpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/$/, ""), serviceName: e.OTEL_SERVICE_NAME } : undefined,
  };
}

let version: string | undefined;
/** The nearest package.json above this file (src/ in tests, dist/src/ when built). */
function packageVersion(): string {
  if (version) return version;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) return (version = String(JSON.parse(fs.readFileSync(file, "utf8")).version ?? "0.0.0"));
    if (path.dirname(dir) === dir) return (version = "0.0.0");
  }
}

/**
 * Loads `.env` from the working directory into the environment, if present.
 * Variables already set win, so the real environment always overrides the file.
 */
export function loadDotEnv(file = path.resolve(".env")): void {
  if (fs.existsSync(file)) process.loadEnvFile(file);
}
